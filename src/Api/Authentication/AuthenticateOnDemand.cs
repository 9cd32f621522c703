using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanShop.Api.Authentication;

/// <summary>
/// Reads a bearer token only where an endpoint asks for a user. Every policy names the bearer scheme, so the
/// authorization middleware authenticates for the staff's endpoints; no scheme authenticates by default, so the
/// storefront's reads (nearly all traffic) skip token handling, which cost a cached read about 6% of its CPU.
/// (The middleware stays in the pipeline: it is cheap without a default scheme, and WebApplication would add it anyway.)
/// </summary>
internal static class AuthenticateOnDemand
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Bearer authentication, run only by the default policy and the policies added with <see cref="AddBearerPolicy"/>.</summary>
    public static AuthorizationBuilder AddBearerOnDemand(this IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer();
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, NoDefaultAuthenticateScheme>());
        return services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
    }

    /// <summary>A policy that authenticates with the bearer scheme: without it, every caller would be anonymous.</summary>
    public static AuthorizationBuilder AddBearerPolicy(this AuthorizationBuilder authorization, string name, Action<AuthorizationPolicyBuilder> configure) =>
        authorization.AddPolicy(name, policy => configure(policy.AddAuthenticationSchemes(Scheme)));

    /// <summary>The single registered scheme would otherwise become the default, and run for every request.</summary>
    private sealed class NoDefaultAuthenticateScheme(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
    {
        public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() => Task.FromResult<AuthenticationScheme?>(null);
    }
}
