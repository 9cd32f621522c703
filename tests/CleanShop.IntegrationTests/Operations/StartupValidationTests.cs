using System.Diagnostics;
using CleanShop.IntegrationTests.Support;

namespace CleanShop.IntegrationTests.Operations;

/// <summary>
/// A bad setting stops start-up with a message that names it. Run as a real process, as an operator
/// starts the service: the exit code and the console are what they see.
/// </summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("ImageCache__RefreshBuffer", "02:00:00", "ImageCache:RefreshBuffer")]
    [InlineData("ImageCache__UrlLifetime", "8.00:00:00", "UrlLifetime")]
    [InlineData("ImageStorage__BucketName", "Not A Bucket", "ImageStorage:BucketName")]
    [InlineData("ImageStorage__ListPageSize", "5000", "ListPageSize")]
    [InlineData("ImageUpload__MaxFileBytes", "0", "MaxFileBytes")]
    [InlineData("ImageVariants__thumb__Width", "0", "ImageVariants:thumb")]
    [InlineData("ImageVariants__all__Width", "100", "ImageVariants:all")]
    [InlineData("CLEANSHOP_STACK", "staging", "CLEANSHOP_STACK")]
    public async Task A_bad_setting_stops_start_up_with_exit_code_1_naming_the_setting(string variable, string value, string named)
    {
        var api = ApiProcess.StartInfo(new Dictionary<string, string?> { [variable] = value });

        using var process = Process.Start(api)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains(named, await output + await error, StringComparison.Ordinal);
    }
}
