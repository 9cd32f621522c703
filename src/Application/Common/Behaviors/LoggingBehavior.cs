using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanShop.Application.Common.Behaviors;

/// <summary>Logs every use case by name with its duration; never its content, which may hold user data.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var handled = next(message, cancellationToken);
            // Answered at once (a cache hit) with nothing to log: no state machine of its own on the hot reads.
            return handled.IsCompletedSuccessfully && !logger.IsEnabled(LogLevel.Debug) ? handled : LogAsync(handled, started);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailure(exception, started);
            throw;
        }
    }

    private async ValueTask<TResponse> LogAsync(ValueTask<TResponse> handled, long started)
    {
        try
        {
            var response = await handled;
            if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("Handled {Message} in {ElapsedMs:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailure(exception, started);
            throw;
        }
    }

    private void LogFailure(Exception exception, long started) =>
        logger.LogInformation("{Message} failed after {ElapsedMs:0.0} ms: {Error}", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
}
