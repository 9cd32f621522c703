using CleanShop.Infrastructure;

namespace CleanShop.Api.Authentication;

/// <summary>
/// Where bearer tokens come from, checked at start-up. The local stack trusts the signing key `dotnet user-jwts`
/// keeps in user secrets. An AWS stack (demo, stage, prod) needs an OIDC provider (Amazon Cognito or another)
/// through <c>Authentication:Schemes:Bearer:Authority</c>, or signing keys of its own under
/// <c>Authentication:Schemes:Bearer:SigningKeys</c>, and an audience; it never trusts a user-jwts key.
/// </summary>
internal static class BearerSettings
{
    public const string Section = "Authentication:Schemes:Bearer";
    public const string UserJwtsIssuer = "dotnet-user-jwts";

    /// <summary>Throws, naming the setting, when an AWS stack could not validate a token or would accept a local one.</summary>
    public static void EnsureUsable(string stack, IConfiguration configuration)
    {
        if (stack == Stacks.Local)
            return;
        var bearer = configuration.GetSection(Section);
        var hasAuthority = !string.IsNullOrWhiteSpace(bearer["Authority"]);
        var signingKeys = bearer.GetSection("SigningKeys").GetChildren().ToArray();
        if (!hasAuthority && signingKeys.Length == 0)
            throw new InvalidOperationException(
                $"The {stack} stack has no way to validate bearer tokens: set {Section}:Authority (the OIDC provider, e.g. "
                + $"https://cognito-idp.{{region}}.amazonaws.com/{{userPoolId}}) or {Section}:SigningKeys, with {Section}:ValidAudiences.");
        if (string.IsNullOrWhiteSpace(bearer["Audience"]) && string.IsNullOrWhiteSpace(bearer["ValidAudience"]) && !bearer.GetSection("ValidAudiences").GetChildren().Any())
            throw new InvalidOperationException($"The {stack} stack has no audience for bearer tokens: set {Section}:ValidAudiences (or {Section}:Audience).");

        var issuers = signingKeys.Select(k => k["Issuer"])
            .Append(bearer["ValidIssuer"])
            .Concat(bearer.GetSection("ValidIssuers").GetChildren().Select(i => i.Value));
        if (issuers.Any(i => string.Equals(i, UserJwtsIssuer, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException(
                $"The {stack} stack may not trust tokens of `dotnet user-jwts` (issuer '{UserJwtsIssuer}' in {Section}): they are for the local stack only.");
    }
}
