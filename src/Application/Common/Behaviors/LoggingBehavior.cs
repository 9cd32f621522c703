using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanShop.Application.Common.Behaviors;

/// <summary>Logs every use case by name with its duration; never its content, which may hold user data.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("Handled {Message} in {ElapsedMs:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogInformation("{Message} failed after {ElapsedMs:0.0} ms: {Error}", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }
}
