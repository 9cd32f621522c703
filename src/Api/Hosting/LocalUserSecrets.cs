using System.Reflection;
using CleanShop.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.Options;

namespace CleanShop.Api.Hosting;

/// <summary>
/// The local stack reads the signing key that `dotnet user-jwts` keeps in the project's user secrets, and
/// reads it again when it changes: the first `dotnet user-jwts create` (which makes the key) works at once,
/// without restarting the API.
/// </summary>
public static class LocalUserSecrets
{
    public static WebApplicationBuilder AddLocalUserSecrets(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsEnvironment(Stacks.Local))
            return builder;

        var id = typeof(LocalUserSecrets).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()!.UserSecretsId;
        // Watched from its own folder: a missing folder would make the watcher fall back to the nearest
        // existing parent (the home directory) and watch all of it. A home that cannot be written (the local
        // stack run from the container image, as a user without one) has no user secrets to watch.
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(PathHelper.GetSecretsPathFromSecretsId(id))!);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            return builder;
        }

        builder.Configuration.AddUserSecrets(id, reloadOnChange: true);

        // JwtBearer caches its options; this makes it rebuild them (and so re-read the keys) when the section changes.
        builder.Services.AddSingleton<IOptionsChangeTokenSource<JwtBearerOptions>>(new ConfigurationChangeTokenSource<JwtBearerOptions>(
            JwtBearerDefaults.AuthenticationScheme, builder.Configuration.GetSection($"Authentication:Schemes:{JwtBearerDefaults.AuthenticationScheme}")));
        return builder;
    }
}
