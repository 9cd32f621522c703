using System.Net;
using Microsoft.Playwright;

namespace CleanShop.IntegrationTests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: a real browser posting a plain HTML form, as an admin tool's page
/// would. `build/test` installs it (`apt-get install chromium`); Playwright's own browser download is not used.
/// </summary>
public sealed class HeadlessBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ChromiumPath}. Install it with `apt-get install -y chromium` (build/test does).");
        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>
    /// Opens a page holding a form that posts <paramref name="fields"/> and then <paramref name="file"/> (field "file") to
    /// <paramref name="url"/>, as multipart/form-data, submits it (as its button would), and returns what the store answered.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> PostFormAsync(string url, IReadOnlyDictionary<string, string> fields, string fileName, byte[] file)
    {
        var page = await _browser!.NewPageAsync();
        try
        {
            var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(f.Key)}\" value=\"{WebUtility.HtmlEncode(f.Value)}\">"));
            await page.SetContentAsync($"""
                <!doctype html><html><body>
                <form method="post" action="{WebUtility.HtmlEncode(url)}" enctype="multipart/form-data">{inputs}
                <input type="file" name="file"><button type="submit">Upload</button></form>
                </body></html>
                """);
            await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = fileName, MimeType = "application/octet-stream", Buffer = file });
            // A 204 (the store's answer to a stored file) navigates nowhere: wait for the answer, not for a page.
            var response = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("() => document.querySelector('form').requestSubmit()"),
                r => r.Request.Method == "POST" && r.Url.StartsWith(url, StringComparison.Ordinal));
            return ((HttpStatusCode)response.Status, response.Status == 204 ? "" : await response.TextAsync());
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
