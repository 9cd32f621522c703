using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// Bearer tokens signed the way `dotnet user-jwts` signs them: a symmetric key configured under
/// Authentication:Schemes:Bearer:SigningKeys, which the API's JwtBearer reads exactly as in the local stack.
/// </summary>
public static class AdminTokens
{
    public const string Issuer = "cleanshop-tests";
    public const string Audience = "cleanshop-tests";
    public static readonly string SigningKey = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("cleanshop-integration-tests-signing-key-32b"));

    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Authentication:Schemes:Bearer:ValidIssuer", Issuer),
        new("Authentication:Schemes:Bearer:ValidAudiences:0", Audience),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Value", SigningKey),
    ];

    public static string Admin { get; } = Create("admin");

    public static string Customer { get; } = Create("customer");

    private static string Create(string role) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "tester"), new Claim("role", role)]),
            Expires = DateTime.UtcNow.AddHours(2),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
}
