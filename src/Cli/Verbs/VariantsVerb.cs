using System.CommandLine;
using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Commands.MakeImageVariants;
using CleanShop.Application.ProductImages.Queries.GetStoredProductImages;
using CleanShop.Application.Products.Queries.GetProducts;
using CleanShop.Cli.Hosting;
using Mediator;

namespace CleanShop.Cli.Verbs;

/// <summary><c>cleanshop images variants (--product-id N | --all) [--missing-only]</c></summary>
internal static class VariantsVerb
{
    public static Command Create(CliSession session, Option<string?> stack)
    {
        var productId = new Option<int?>("--product-id") { Description = "The product whose images' variants to make.", HelpName = "id" };
        var all = new Option<bool>("--all") { Description = "Every product's." };
        var missingOnly = new Option<bool>("--missing-only")
        {
            Description = "Only variants that are missing or were made from what an image was before; an image that failed as it is now is left alone.",
        };
        var command = new Command("variants", "Makes the images' variants (ImageVariants settings) now, in this process, one line per image and a summary; exits 1 when an image yields none.")
        {
            productId,
            all,
            missingOnly,
        };
        command.Validators.Add(result =>
        {
            var id = result.GetValue(productId);
            if (id is not null == result.GetValue(all))
                result.AddError("Give --product-id N or --all.");
            else if (id <= 0)
                result.AddError("--product-id must be a positive whole number.");
        });
        command.SetAction((parse, cancellationToken) => session.RunAsync(parse.GetValue(stack), needsCatalog: true, async (sender, ct) =>
        {
            var counts = new Dictionary<ImageVariantOutcome, int>();
            var ids = parse.GetValue(productId) is { } id ? [id] : await AllProductIdsAsync(sender, ct);
            foreach (var product in ids)
            {
                foreach (var image in await sender.Send(new GetStoredProductImagesQuery(product), ct))
                {
                    var outcome = await sender.Send(new MakeImageVariantsCommand(product, image.Filename, parse.GetValue(missingOnly)), ct);
                    counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                    await session.Out.WriteLineAsync($"{Word(outcome)} {product}/{image.Filename}");
                }
            }

            await session.Out.WriteLineAsync(string.Join(", ", Enum.GetValues<ImageVariantOutcome>().Select(o => $"{counts.GetValueOrDefault(o)} {Word(o)}")));
            return counts.GetValueOrDefault(ImageVariantOutcome.Failed) > 0 ? ExitCodes.Failed : ExitCodes.Done;
        }, cancellationToken));
        return command;
    }

    private static string Word(ImageVariantOutcome outcome) => outcome switch
    {
        ImageVariantOutcome.Made => "made",
        ImageVariantOutcome.Current => "current",
        ImageVariantOutcome.Failed => "failed",
        _ => "gone",
    };

    private static async Task<IReadOnlyList<int>> AllProductIdsAsync(ISender sender, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        for (var page = 1; ; page++)
        {
            var products = await sender.Send(new GetProductsQuery(page, GetProductsQuery.MaxPageSize), cancellationToken);
            ids.AddRange(products.Items.Select(p => p.Id));
            if (!products.HasNext)
                return ids;
        }
    }
}
