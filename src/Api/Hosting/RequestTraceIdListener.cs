using System.Diagnostics;

namespace CleanShop.Api.Hosting;

/// <summary>
/// Gives every request its trace id while no tracing is wired. ASP.NET Core starts a request's activity only when something
/// listens (a tracer, a diagnostic listener, or its hosting log category, which the logging set-up turns off for speed);
/// this listener asks for propagation data only: the activity continues the caller's <c>traceparent</c> (or starts a new
/// trace), logs, problem details and outgoing calls carry its id, and nothing is recorded.
/// </summary>
internal sealed class RequestTraceIdListener : IHostedLifecycleService, IDisposable
{
    /// <summary>The activity source of ASP.NET Core's hosting, which starts one activity per request.</summary>
    private const string HostingSource = "Microsoft.AspNetCore";

    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == HostingSource,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
    };

    /// <summary>Before any hosted service starts, the server included: no request goes without its trace id.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
