using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// The API on a real Kestrel port (the test server normalises request targets before the app sees them),
/// for tests that send raw bytes over a socket with <see cref="RawHttp"/>.
/// </summary>
public sealed class KestrelApiFactory : CleanShopApiFactory
{
    public KestrelApiFactory() => UseKestrel(0);

    /// <summary>Where Kestrel listens: http://127.0.0.1:{port}.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("localhost", "127.0.0.1", StringComparison.Ordinal).Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));

    public RawHttp Raw => new(Address);
}
