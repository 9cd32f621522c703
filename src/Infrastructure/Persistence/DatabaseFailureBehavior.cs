using CleanShop.Application.Common.Exceptions;
using Mediator;

namespace CleanShop.Infrastructure.Persistence;

/// <summary>
/// Turns a database failure under any use case into the Application's <see cref="DependencyUnavailableException"/>,
/// as <c>S3ImageStorage</c> does for the object store, so that the hosts map Application exceptions only.
/// </summary>
internal sealed class DatabaseFailureBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public const string Dependency = "The catalog database";

    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            var handled = next(message, cancellationToken);
            // Answered at once (a cache hit): nothing can fail any more, so no state machine of its own.
            return handled.IsCompletedSuccessfully ? handled : TranslateFailureAsync(handled);
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            throw new DependencyUnavailableException(Dependency, exception);
        }
    }

    private static async ValueTask<TResponse> TranslateFailureAsync(ValueTask<TResponse> handled)
    {
        try
        {
            return await handled;
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            throw new DependencyUnavailableException(Dependency, exception);
        }
    }

    private static bool IsDatabaseFailure(Exception exception) =>
        exception is not (DependencyUnavailableException or OperationCanceledException) && DatabaseFailure.Find(exception) is not null;
}
