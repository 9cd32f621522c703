using System.CommandLine;
using CleanShop.Application.ProductImages.Commands.DeleteProductImage;
using CleanShop.Cli.Hosting;

namespace CleanShop.Cli.Verbs;

/// <summary><c>cleanshop images delete --product-id N --filename NAME</c></summary>
internal static class DeleteVerb
{
    public static Command Create(CliSession session, Option<string?> stack)
    {
        var productId = CliCommands.ProductId("The product the image belongs to.");
        var filename = new Option<string>("--filename")
        {
            Description = "The image's file name, as `images list` shows it.",
            HelpName = "name",
            Required = true,
        };
        var command = new Command("delete", "Deletes one image of a product; every API instance stops serving it at once.")
        {
            productId,
            filename,
        };
        command.SetAction((parse, cancellationToken) => session.RunAsync(parse.GetValue(stack), needsCatalog: false, async (sender, ct) =>
        {
            var id = parse.GetValue(productId);
            var name = parse.GetValue(filename)!;
            await sender.Send(new DeleteProductImageCommand(id, name), ct);
            await session.Out.WriteLineAsync($"deleted {id}/{name}");
            return ExitCodes.Done;
        }, cancellationToken));
        return command;
    }
}
