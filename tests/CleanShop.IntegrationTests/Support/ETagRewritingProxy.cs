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
/// A small HTTP stand-in in front of the S3 emulator that passes every request through as it came (so signatures
/// still match) and answers every ETag in the multipart form AWS gives (<c>"{md5 of part md5s}-2"</c>), which the
/// emulator never does: what a store's ETag looks like when it is not the MD5 of the bytes.
/// </summary>
public sealed class ETagRewritingProxy : IAsyncDisposable
{
    private static readonly HttpClient Forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });
    private readonly WebApplication _app;

    private ETagRewritingProxy(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Requests that passed through, for a test to see that the stand-in was used.</summary>
    public int Requests { get; private set; }

    public static async Task<ETagRewritingProxy> StartAsync(string target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ETagRewritingProxy? proxy = null;
        app.Run(async context =>
        {
            proxy!.Requests++;
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget; // as signed, not re-encoded
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target.TrimEnd('/') + rawTarget);
            if (context.Request.ContentLength > 0)
                request.Content = new StreamContent(context.Request.Body);
            foreach (var (name, value) in context.Request.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value.ToArray()))
                    request.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
            }

            using var response = await Forward.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, value) in response.Headers.Concat(response.Content.Headers))
            {
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                    context.Response.Headers[name] = name.Equals("ETag", StringComparison.OrdinalIgnoreCase) ? $"\"{value.First().Trim('"')}-2\"" : value.ToArray();
            }

            if (!HttpMethods.IsHead(context.Request.Method))
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        proxy = new ETagRewritingProxy(app, url);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
