using System.Diagnostics;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Security;

/// <summary>
/// An AWS stack starts only with a way to validate bearer tokens (an OIDC authority or signing keys, and an
/// audience), and never trusts the local `dotnet user-jwts` issuer. Run as a real process, as an operator starts it.
/// </summary>
public sealed class AwsStackBearerStartupTests
{
    [Theory]
    [InlineData("demo", new string[0], "Authentication:Schemes:Bearer:Authority")]
    [InlineData("prod", new string[0], "Authentication:Schemes:Bearer:SigningKeys")]
    [InlineData("stage", new[] { "Authentication__Schemes__Bearer__Authority=https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_test" }, "ValidAudiences")]
    [InlineData("demo", new[] { "Authentication__Schemes__Bearer__SigningKeys__0__Issuer=dotnet-user-jwts", "Authentication__Schemes__Bearer__SigningKeys__0__Value=a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleQ==", "Authentication__Schemes__Bearer__ValidAudiences__0=cleanshop" }, "dotnet-user-jwts")]
    [InlineData("prod", new[] { "Authentication__Schemes__Bearer__Authority=https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_test", "Authentication__Schemes__Bearer__ValidIssuer=dotnet-user-jwts", "Authentication__Schemes__Bearer__ValidAudiences__0=cleanshop" }, "dotnet-user-jwts")]
    public async Task An_AWS_stack_without_usable_bearer_settings_stops_start_up_with_exit_code_1_naming_the_setting(string stack, string[] settings, string named)
    {
        TestComponents.EnsureRunning();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CleanShop.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["CLEANSHOP_STACK"] = stack,
                ["ConnectionStrings__Catalog"] = TestComponents.PostgresConnection,
                ["ConnectionStrings__Redis"] = TestComponents.RedisConnection,
                ["ImageStorage__ServiceUrl"] = TestComponents.S3ServiceUrl,
                ["ImageStorage__AccessKey"] = TestComponents.S3AccessKey,
                ["ImageStorage__SecretKey"] = TestComponents.S3SecretKey,
                ["Database__MigrateOnStart"] = "false",
                ["SampleData__Enabled"] = "false",
            },
        };
        foreach (var setting in settings)
            start.Environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var console = await output + await error;
        Assert.True(process.ExitCode == 1, console);
        Assert.Contains(named, console, StringComparison.Ordinal);
    }
}
