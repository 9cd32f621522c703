using System.Diagnostics;
using System.Text.Json.Nodes;
using CleanShop.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CleanShop.IntegrationTests.Contract;

/// <summary>The API listening on a real port, for a client in another process.</summary>
public sealed class KestrelApiFactory : CleanShopApiFactory
{
    public KestrelApiFactory()
    {
        UseKestrel(0);
        Settings["ImageVariants:Enabled"] = "true"; // the generated client reads them too
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

/// <summary>
/// What a storefront team does with the document: generate a C# client with a standard generator (Kiota, the
/// repository's dotnet tool), compile it, and read a product and a page from the running API. The tiny program
/// assigns each field to a variable of the expected type, so a wrongly typed field fails the compilation.
/// </summary>
public sealed class GeneratedClientTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private const string KiotaPackageVersion = "2.1.6";

    [Fact]
    public async Task A_Kiota_client_generated_from_the_document_compiles_and_reads_a_product_and_a_page_with_typed_fields()
    {
        using var admin = api.CreateAdminClient();
        var id = await admin.CreateProductAsync("Typed Turtle", 19.9m, "ANIMAL");
        await admin.UploadAsync(id, ("front.png", TestImages.Png));
        var expected = await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}");
        await Eventually.HoldsAsync("the thumb served", async () =>
            (await api.CreateClient().GetJsonObjectAsync($"/api/products/{id}?variants=thumb"))["primary_image"]!["variants"]!["thumb"] is not null, TimeSpan.FromSeconds(30));

        var work = Directory.CreateTempSubdirectory("cleanshop-kiota-");
        try
        {
            var documentPath = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllTextAsync(documentPath, await api.CreateClient().GetStringAsync("/openapi/v1.json"));
            await RunAsync("dotnet", ["tool", "restore"], Repository.Root); // a fresh clone has not installed the generator yet
            await RunAsync("dotnet", ["kiota", "generate", "-l", "CSharp", "-d", documentPath, "-o", Path.Combine(work.FullName, "Client"),
                "-n", "CleanShop.Client", "-c", "CatalogClient", "--exclude-backward-compatible", "--clean-output"], Repository.Root);
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "TypedRead.csproj"), Project);
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "Program.cs"), Program);

            var output = await RunAsync("dotnet", ["run", "-c", "Release", "--", api.Address.ToString(), id.ToString(System.Globalization.CultureInfo.InvariantCulture)], work.FullName);

            var read = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.Contains('=', StringComparison.Ordinal))
                .ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), read["id"]);
            Assert.Equal("19.90", read["price"]);
            Assert.Equal("ANIMAL", read["category"]);
            Assert.Equal(expected["created_at"]!.GetValue<string>(), read["created_at"]);
            Assert.Equal("front.png", read["primary_image"]);
            Assert.Equal("True", read["expires_in_future"]);
            Assert.Equal("1", read["page_size"]);
            Assert.True(int.Parse(read["page_count"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("1x1", read["thumb"]); // the 1 x 1 original's thumb: never upscaled
            Assert.Equal("True", read["thumb_url_signed"]);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private const string Project = $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Kiota.Abstractions" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="{KiotaPackageVersion}" />
            <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="{KiotaPackageVersion}" />
          </ItemGroup>
        </Project>
        """;

    // Each assignment names the type the contract promises: int id, string price, a Category enum, DateTimeOffset times.
    private const string Program = """
        using System.Globalization;
        using CleanShop.Client;
        using CleanShop.Client.Models;
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Http.HttpClientLibrary;

        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = args[0].TrimEnd('/') };
        var client = new CatalogClient(adapter);

        Product product = (await client.Api.Products[int.Parse(args[1], CultureInfo.InvariantCulture)].GetAsync())!;
        int id = product.Id!.Value;
        string price = product.Price!;
        Category category = product.Category!.Value;
        DateTimeOffset createdAt = product.CreatedAt!.Value;
        Image? primary = product.PrimaryImage;
        DateTimeOffset expiresAt = primary!.ExpiresAt!.Value;

        Product withVariants = (await client.Api.Products[id].GetAsync(request => request.QueryParameters.Variants = "thumb"))!;
        int thumbWidth = withVariants.PrimaryImage!.Variants!.Thumb!.Width!.Value;
        int thumbHeight = withVariants.PrimaryImage.Variants.Thumb.Height!.Value;
        string thumbUrl = withVariants.PrimaryImage.Variants.Thumb.Url!;

        ProductPage page = (await client.Api.Products.GetAsync(request => request.QueryParameters.PageSize = 1))!;
        int count = page.Count!.Value;
        List<Product> results = page.Results!;

        Console.WriteLine($"id={id}");
        Console.WriteLine($"price={price}");
        Console.WriteLine($"category={category.ToString().ToUpperInvariant()}");
        Console.WriteLine($"created_at={createdAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        Console.WriteLine($"primary_image={primary.Filename}");
        Console.WriteLine($"expires_in_future={expiresAt > DateTimeOffset.UtcNow}");
        Console.WriteLine($"page_size={results.Count}");
        Console.WriteLine($"page_count={count}");
        Console.WriteLine($"thumb={thumbWidth}x{thumbHeight}");
        Console.WriteLine($"thumb_url_signed={thumbUrl.Contains("X-Amz-Signature=", StringComparison.Ordinal)}");
        """;

    private static async Task<string> RunAsync(string file, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"`{file} {string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }
}
