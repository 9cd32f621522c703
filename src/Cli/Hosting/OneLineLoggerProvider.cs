using Microsoft.Extensions.Logging;

namespace CleanShop.Cli.Hosting;

/// <summary>Writes each log entry as one line, <c>warning: ...</c>, without its exception's stack trace.</summary>
internal sealed class OneLineLoggerProvider(TextWriter error) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new OneLineLogger(error);

    public void Dispose() { }

    private sealed class OneLineLogger(TextWriter error) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var message = formatter(state, exception);
            var firstLine = message.AsSpan().TrimEnd();
            if (firstLine.IndexOfAny('\r', '\n') is var end and >= 0)
                firstLine = firstLine[..end];
            var label = logLevel >= LogLevel.Error ? "error" : logLevel == LogLevel.Warning ? "warning" : "info";
            lock (error)
                error.WriteLine($"{label}: {firstLine}");
        }
    }
}
