using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using CleanShop.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanShop.IntegrationTests.Security;

/// <summary>
/// Every endpoint the app maps, as its endpoint data source lists them: a new write endpoint without the admin
/// policy fails here, whoever adds it.
/// </summary>
public sealed partial class EveryEndpointAuthTests(CleanShopApiFactory api) : IClassFixture<CleanShopApiFactory>
{
    private static readonly string[] ReadMethods = ["GET", "HEAD", "OPTIONS"];

    private sealed record Route(string Method, string Pattern, bool TakesForm);

    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]; // Map() without a verb answers any; GET stands for them
            // Routing answers 415 to a body the endpoint does not accept, before authorization: send what it accepts.
            var takesForm = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
            routes.AddRange(methods.Select(m => new Route(m, endpoint.RoutePattern.RawText!, takesForm)));
        }

        return routes;
    }

    private static string Url(string pattern, int productId) =>
        "/" + Parameter().Replace(pattern.TrimStart('/'), match => match.Groups[1].Value switch
        {
            "id" => productId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "filename" => "front.png",
            "documentName" => "v1",
            _ => "x",
        });

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();

    [Fact]
    public async Task Every_write_endpoint_answers_401_anonymously_and_403_to_a_customer_and_changes_nothing()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await admin.UploadAsync(id, ("front.png", TestImages.Png))).StatusCode);
        var writes = Routes().Where(r => !ReadMethods.Contains(r.Method)).ToArray();
        Assert.True(writes.Length >= 8, $"only {writes.Length} write endpoints found: {string.Join(", ", writes)}");

        using var anonymous = api.CreateClient();
        using var customer = api.CreateClientWithToken(AdminTokens.Customer);
        var failures = new List<string>();
        foreach (var route in writes)
        {
            var url = Url(route.Pattern, id);
            foreach (var (client, expected) in new[] { (anonymous, 401), (customer, 403) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), url)
                {
                    Content = route.TakesForm
                        ? HttpExtensions.Files(("front.png", TestImages.Gif))
                        : new StringContent("""{"name":"Changed","price":1,"category":"ANIMAL"}""", Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != expected || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{route.Method} {url}: {(int)response.StatusCode} {response.Content.Headers.ContentType}, expected {expected} problem details");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var product = await anonymous.GetJsonObjectAsync($"/api/products/{id}");
        Assert.Equal("Pip the Penguin", product["name"]!.GetValue<string>());
        Assert.Equal(["front.png"], product.Filenames());
    }

    [Fact]
    public async Task Every_read_endpoint_answers_without_a_token()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync();
        var reads = Routes().Where(r => r.Method == "GET").ToArray();
        Assert.True(reads.Length >= 5, $"only {reads.Length} read endpoints found");

        using var anonymous = api.CreateClient();
        var failures = new List<string>();
        foreach (var route in reads)
        {
            var url = Url(route.Pattern, id);
            using var response = await anonymous.GetAsync(url);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)response.StatusCode >= 500)
                failures.Add($"GET {url}: {(int)response.StatusCode}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "bad signature", Token(key: "another-key-that-is-long-enough-for-hmac-256") },
        { "expired", Token(expires: DateTime.UtcNow.AddHours(-1)) },
        { "another audience", Token(audience: "another-service") },
        { "another issuer", Token(issuer: "someone-else") },
        { "the local user-jwts issuer", Token(issuer: "dotnet-user-jwts") },
        { "unsigned", Unsigned() },
        { "not a token", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_does_not_validate_answers_401_even_with_the_admin_role(string variant, string token)
    {
        using var client = api.CreateClientWithToken(token);

        var response = await client.PostAsync("/api/products", new StringContent("""{"name":"Toy","price":1,"category":"ANIMAL"}""", Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{variant}: {(int)response.StatusCode}");
        await response.AssertProblemAsync(401);
    }

    private static string Token(string? key = null, DateTime? expires = null, string audience = AdminTokens.Audience, string issuer = AdminTokens.Issuer)
    {
        var signingKey = key is null ? Convert.FromBase64String(AdminTokens.SigningKey) : Encoding.UTF8.GetBytes(key);
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "tester"), new Claim("role", "admin")]),
            NotBefore = expiry.AddHours(-2),
            IssuedAt = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Unsigned()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." +
            Part($$"""{"iss":"{{AdminTokens.Issuer}}","aud":"{{AdminTokens.Audience}}","role":"admin","exp":{{now + 3600}},"nbf":{{now - 60}}}""") + ".";
    }
}
