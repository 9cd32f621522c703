using System.CommandLine;
using CleanShop.Application.ProductImages.Commands.InvalidateAllImageCaches;
using CleanShop.Application.ProductImages.Commands.InvalidateProductImageCache;
using CleanShop.Cli.Hosting;

namespace CleanShop.Cli.Verbs;

/// <summary><c>cleanshop cache clear [--product-id N]</c></summary>
internal static class CacheClearVerb
{
    public static Command Create(CliSession session, Option<string?> stack)
    {
        var productId = new Option<int?>("--product-id")
        {
            Description = "Clear one product's cached images only. Without it, every product's.",
            HelpName = "id",
        };
        productId.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
                result.AddError("--product-id must be a positive whole number.");
        });
        var command = new Command("clear", "Forgets cached image URLs in Redis and in every running API instance: their next response lists the store again.")
        {
            productId,
        };
        command.SetAction((parse, cancellationToken) => session.RunAsync(parse.GetValue(stack), needsCatalog: false, async (sender, ct) =>
        {
            if (parse.GetValue(productId) is { } id)
            {
                await sender.Send(new InvalidateProductImageCacheCommand(id), ct);
                await session.Out.WriteLineAsync($"cleared the image cache of product {id}");
            }
            else
            {
                await sender.Send(new InvalidateAllImageCachesCommand(), ct);
                await session.Out.WriteLineAsync("cleared the image cache of every product");
            }

            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }
}
