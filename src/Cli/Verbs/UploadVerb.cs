using System.CommandLine;
using CleanShop.Cli.Hosting;

namespace CleanShop.Cli.Verbs;

/// <summary><c>cleanshop images upload --product-id N (--images FILE... | --image-dir FOLDER) [--overwrite] [--dry-run]</c></summary>
internal static class UploadVerb
{
    public static Command Create(CliSession session, Option<string?> stack)
    {
        var productId = CliCommands.ProductId("The product the images are for; they are stored under '{id}/'.");
        var images = new Option<string[]>("--images")
        {
            Description = "Image files to upload. Every file is checked before the first is sent: one bad file (not an image, too large, a bad name) and nothing is uploaded.",
            HelpName = "file",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var imageDir = new Option<string?>("--image-dir")
        {
            Description = "A folder whose images are uploaded, in name order (not its subfolders). Files that are not images are skipped and listed with the reason; any other bad file and nothing is uploaded.",
            HelpName = "folder",
        };
        var overwrite = new Option<bool>("--overwrite")
        {
            Description = "Replace stored images of the same name whose bytes differ. Without it such a file is bad input. Identical images are always skipped.",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Check every file and say what would be uploaded or skipped; change nothing.",
        };
        var command = new Command("upload", "Uploads images to a product through the API's checks (type by content, size, name, the product exists). Each file lands whole or not at all; running the same command again after a failure finishes the job, skipping what is stored already.")
        {
            productId,
            images,
            imageDir,
            overwrite,
            dryRun,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(images) is null) == (result.GetResult(imageDir) is null))
                result.AddError("Give either --images or --image-dir.");
        });
        command.SetAction((parse, cancellationToken) => session.RunAsync(parse.GetValue(stack), needsCatalog: true,
            (sender, ct) => new ImageUploadRun(session, sender, parse.GetValue(productId), parse.GetValue(overwrite), parse.GetValue(dryRun))
                .RunAsync(parse.GetValue(images), parse.GetValue(imageDir), ct),
            cancellationToken));
        return command;
    }
}
