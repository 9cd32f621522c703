using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// A small HTTP proxy in front of the real S3 emulator that can make S3 slow, failing or hanging for the
/// requests a test chooses, without mocking the SDK. Requests pass through untouched (the Host header too,
/// so SigV4 signatures still match) unless a fault is set. Point an API at <see cref="Url"/> with
/// <see cref="CleanShopApiFactory.UsePrivateS3(string)"/>.
/// </summary>
public sealed class S3FaultProxy : IAsyncDisposable
{
    // Not copied header by header: hop-by-hop, or set from the body (Content-Length).
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly string _upstreamBase;
    private FaultRule? _rule;
    private int _requests;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _requestsByMethod = new(StringComparer.Ordinal);

    private S3FaultProxy(WebApplication app, HttpClient upstream, string upstreamBase)
    {
        _app = app;
        _upstream = upstream;
        _upstreamBase = upstreamBase;
    }

    /// <summary>The proxy's own address: http://127.0.0.1:{port}.</summary>
    public string Url { get; private set; } = "";

    /// <summary>
    /// When set, every ETag passed back goes through it first: an answer as another store gives it (a multipart
    /// upload's <c>"{md5 of part md5s}-2"</c>), which the emulator never does.
    /// </summary>
    public Func<string, string>? RewriteETag { get; set; }

    /// <summary>Requests received, faulted or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests received with this HTTP method (HEAD, PUT, GET, …), faulted or not.</summary>
    public int RequestsOf(string method) => _requestsByMethod.GetValueOrDefault(method);

    /// <summary>Starts a proxy to <paramref name="upstream"/> (the shared emulator by default).</summary>
    public static async Task<S3FaultProxy> StartAsync(string? upstream = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var upstreamBase = (upstream ?? TestComponents.S3ServiceUrl).TrimEnd('/');
        var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        var app = builder.Build();
        var proxy = new S3FaultProxy(app, http, upstreamBase);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return proxy;
    }

    /// <summary>
    /// From now on, requests for which <paramref name="when"/> holds (all, by default) get <paramref name="fault"/>;
    /// with <paramref name="once"/>, only the first of them.
    /// </summary>
    public void Inject(S3Fault fault, Func<HttpRequest, bool>? when = null, bool once = false) =>
        _rule = new FaultRule(fault, when ?? (_ => true), once);

    /// <summary>Every request passes through again.</summary>
    public void Heal() => _rule = null;

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        _requestsByMethod.AddOrUpdate(context.Request.Method, 1, (_, count) => count + 1);
        if (Volatile.Read(ref _rule) is { } rule && rule.When(context.Request) && (!rule.Once || Interlocked.CompareExchange(ref _rule, null, rule) == rule))
        {
            switch (rule.Fault)
            {
                case S3Fault.ErrorFault error:
                    context.Response.StatusCode = error.Status;
                    context.Response.ContentType = "application/xml";
                    await context.Response.WriteAsync(
                        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{error.Code}</Code><Message>Injected by the test's S3 proxy.</Message><RequestId>proxy</RequestId></Error>");
                    return;
                case S3Fault.UnreadableFault:
                    context.Response.StatusCode = StatusCodes.Status200OK;
                    context.Response.ContentType = "application/xml";
                    await context.Response.WriteAsync(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>\u0001</Name><KeyCount>0</KeyCount></ListBucketResult>");
                    return;
                case S3Fault.ResetFault:
                    context.Abort();
                    return;
                case S3Fault.HangFault:
                    // Accepts the connection and never answers, until the client gives up.
                    try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
                    catch (OperationCanceledException) { }
                    return;
                case S3Fault.DelayFault delay:
                    try { await Task.Delay(delay.Time, context.RequestAborted); }
                    catch (OperationCanceledException) { return; }
                    break;
                case S3Fault.HoldFault hold:
                    hold.Gate.Arrive();
                    try { await hold.Gate.Opened.WaitAsync(context.RequestAborted); }
                    catch (OperationCanceledException) { return; }
                    break;
            }
        }

        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), _upstreamBase + rawTarget);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            request.Content = new StreamContent(context.Request.Body);
            request.Content.Headers.ContentLength = context.Request.ContentLength ?? (context.Request.Headers.TransferEncoding.Count > 0 ? null : 0);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
        }

        request.Headers.Host = context.Request.Host.Value; // signed by the client: must reach the emulator unchanged

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
                context.Response.Headers[name] = RewriteETag is { } rewrite && name.Equals("ETag", StringComparison.OrdinalIgnoreCase)
                    ? values.Select(rewrite).ToArray()
                    : values.ToArray();
        }

        context.Response.ContentLength = response.Content.Headers.ContentLength; // a HEAD answer carries the object's length

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private sealed record FaultRule(S3Fault Fault, Func<HttpRequest, bool> When, bool Once);
}
