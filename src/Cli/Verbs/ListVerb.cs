using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CleanShop.Application.ProductImages.Queries.GetProductImages;
using CleanShop.Application.ProductImages.Queries.GetStoredProductImages;
using CleanShop.Application.Common.Serialization;
using CleanShop.Application.ProductImages.Variants;
using CleanShop.Cli.Hosting;
using Spectre.Console;

namespace CleanShop.Cli.Verbs;

/// <summary><c>cleanshop images list --product-id N [--json]</c></summary>
internal static class ListVerb
{
    // The API's wire format, so that --json prints exactly what GET /api/products/{id}/images answers.
    private static readonly JsonSerializerOptions Json = JsonContract.CreateOptions();

    public static Command Create(CliSession session, Option<string?> stack)
    {
        var productId = CliCommands.ProductId("The product whose images to list.");
        var json = new Option<bool>("--json")
        {
            Description = "Print the images as the API returns them (GET /api/products/{id}/images): url, filename, key, expires_at, with the same presigned URLs.",
        };
        var command = new Command("list", "Lists a product's images as the store holds them: filename, size, content type, last modified, and the variants each has.")
        {
            productId,
            json,
        };
        command.SetAction((parse, cancellationToken) => session.RunAsync(parse.GetValue(stack), needsCatalog: true, async (sender, ct) =>
        {
            var id = parse.GetValue(productId);
            if (parse.GetValue(json))
            {
                var images = await sender.Send(new GetProductImagesQuery(id), ct);
                await session.Out.WriteLineAsync(JsonSerializer.Serialize(images.Images, Json));
                return ExitCodes.Done;
            }

            var stored = await sender.Send(new GetStoredProductImagesQuery(id), ct);
            if (stored.Count == 0)
            {
                await session.Out.WriteLineAsync($"product {id} has no images");
                return ExitCodes.Done;
            }

            var table = new Table()
                .AddColumn("Filename")
                .AddColumn(new TableColumn("Size (bytes)").RightAligned())
                .AddColumn("Content type")
                .AddColumn("Last modified (UTC)");
            // Which variants each image has, made from what it is now, as the API serves them.
            var variants = (await sender.Send(new GetProductImagesQuery(id, VariantSelection.All), ct)).Images
                .ToDictionary(i => i.Filename, i => string.Join(",", i.Variants?.Keys ?? []), StringComparer.Ordinal);
            table.AddColumn("Variants");
            foreach (var image in stored)
            {
                string[] cells =
                [
                    Markup.Escape(image.Filename),
                    image.Size.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(image.ContentType ?? "-"),
                    image.LastModified.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ];
                table.AddRow([.. cells, variants.GetValueOrDefault(image.Filename) is { Length: > 0 } names ? names : "-"]);
            }

            session.Console.Write(table);
            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }
}
