using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>
/// A newcomer's first admin call: the API runs, then `dotnet user-jwts create` makes the first signing key and a
/// token, and the running API accepts that token without a restart. Real processes, and user secrets in a folder
/// of the test's own (APPDATA), so that the developer's own key is never touched.
/// </summary>
public sealed class LocalTokenTests
{
    [Fact]
    public async Task A_token_from_the_first_dotnet_user_jwts_create_works_on_the_running_API_without_a_restart()
    {
        var secrets = Directory.CreateTempSubdirectory("cleanshop-user-secrets-");
        try
        {
            await using var api = await ApiProcess.StartAsync(new Dictionary<string, string?> { ["APPDATA"] = secrets.FullName });
            using var client = new HttpClient { BaseAddress = api.Address };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/images/cache")).StatusCode);

            var token = await CreateAdminTokenAsync(secrets.FullName); // makes the key: the API started without one
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            // The API notices the changed secrets file (a file watcher, then a fresh JwtBearer configuration).
            var status = HttpStatusCode.Unauthorized;
            await Eventually.HoldsAsync("the API accepts the new token", async () =>
                (status = (await client.DeleteAsync("/api/images/cache")).StatusCode) != HttpStatusCode.Unauthorized);
            Assert.Equal(HttpStatusCode.NoContent, status);
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }

    private static async Task<string> CreateAdminTokenAsync(string appData)
    {
        var project = Path.Combine(Repository.Root, "src", "Api");
        // `dotnet user-jwts` writes the token's audience there and fails without it; build/run creates it the same way.
        var development = Path.Combine(project, "appsettings.Development.json");
        if (!File.Exists(development))
            await File.WriteAllTextAsync(development, "{}");

        var start = new ProcessStartInfo("dotnet", ["user-jwts", "create", "--project", project, "--role", "admin", "--output", "token"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["APPDATA"] = appData, ["DOTNET_NOLOGO"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet user-jwts create failed ({process.ExitCode}): {await output} {await error}");
        return (await output).Trim();
    }
}
