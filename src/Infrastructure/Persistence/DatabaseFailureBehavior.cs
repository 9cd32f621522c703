using CleanShop.Application.Common.Exceptions;
using Mediator;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>
/// Turns a database failure under any use case into the Application's <see cref="DependencyUnavailableException"/>,
/// as <c>S3ImageStorage</c> does for the object store, so that the hosts map Application exceptions only.
/// Public because each host's generated mediator names it in its pipeline.
/// </summary>
public sealed class DatabaseFailureBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public const string Dependency = "The catalog database";

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not (DependencyUnavailableException or OperationCanceledException) && DatabaseFailure.Find(exception) is not null)
        {
            throw new DependencyUnavailableException(Dependency, exception);
        }
    }
}
