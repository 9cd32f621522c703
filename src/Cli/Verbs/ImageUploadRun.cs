using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Application.ProductImages.Queries.CheckProductImageUploads;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Cli.Hosting;
using Mediator;
using Spectre.Console;

namespace CleanShop.Cli.Verbs;

/// <summary>
/// One bulk upload. The whole batch is checked in one call (<see cref="CheckProductImageUploadsQuery"/>, the
/// upload's own plan), so that every bad file is named before any is sent; then the accepted files go in one
/// resumable <see cref="UploadProductImagesCommand"/>, which reports each file as it lands (progress advances
/// file by file) and leaves whole files behind when it fails half-way (an S3 PUT lands whole or not at all),
/// which the next run skips as identical.
/// </summary>
internal sealed class ImageUploadRun(CliSession session, ISender sender, int productId, bool overwrite, bool dryRun)
{
    private sealed record LocalFile(string Path, string Name, long Length);

    public async Task<int> RunAsync(string[]? paths, string? folder, CancellationToken cancellationToken)
    {
        var (files, missing) = folder is not null ? FromFolder(folder) : FromPaths(paths ?? []);
        if (folder is not null && missing.Count > 0)
        {
            session.Error(missing[0]);
            return ExitCodes.BadInput;
        }

        var uploads = files.Select(f => new ImageUpload(f.Name, f.Length, () => File.OpenRead(f.Path))).ToArray();
        var checks = await sender.Send(new CheckProductImageUploadsQuery(productId, uploads, overwrite), cancellationToken);

        // In a folder, a file that is no image is simply not one of the product's images; named on the command line, it is a mistake.
        var notImages = folder is not null ? checks.Where(c => c.Verdict == ImageUploadVerdict.NotAnImage).ToList() : [];
        var refused = checks.Where(c => !c.IsAccepted && !notImages.Contains(c)).ToList();
        foreach (var skipped in notImages)
            await session.Out.WriteLineAsync($"skipped: {skipped.Reason}");
        if (refused.Count > 0 || missing.Count > 0)
        {
            foreach (var problem in missing)
                session.Error(problem);
            foreach (var bad in refused)
                session.Error(bad.Verdict == ImageUploadVerdict.Exists ? $"{bad.Reason} Use --overwrite to replace it." : bad.Reason!);
            session.Error($"nothing was uploaded: {refused.Count + missing.Count} of {checks.Count + missing.Count} files refused.");
            return ExitCodes.BadInput;
        }

        // The checks come back in the order of the files.
        var accepted = checks.Select((check, i) => (Check: check, Upload: uploads[i])).Where(f => f.Check.IsAccepted).ToList();
        if (dryRun)
            return await DescribeAsync(accepted.Select(a => a.Check).ToList(), notImages.Count);
        if (accepted.Count == 0)
        {
            await session.Out.WriteLineAsync(folder is not null ? $"no images in {folder}" : "nothing to upload");
            return ExitCodes.Done;
        }

        return await UploadAsync(accepted, notImages.Count, cancellationToken);
    }

    private async Task<int> UploadAsync(List<(ImageUploadCheck Check, ImageUpload Upload)> files, int notImages, CancellationToken cancellationToken)
    {
        var uploaded = new List<string>();
        var identical = new List<string>();
        var outcomes = new List<string>();
        ProgressTask? bar = null;
        // Called by the command as each file lands or is skipped, before the next is sent.
        void OnStored(StoredImageUpload stored)
        {
            var key = $"{productId}/{stored.Name}";
            (stored.Skipped ? identical : uploaded).Add(key);
            var outcome = stored.Skipped ? $"skipped (identical) {key}" : $"uploaded {key}";
            if (bar is null)
            {
                session.Out.WriteLine(outcome);
                return;
            }

            outcomes.Add(outcome); // shown under the bar once it is done
            bar.Increment(1);
            var done = uploaded.Count + identical.Count;
            bar.Description = done < files.Count ? Markup.Escape($"{productId}/{files[done].Check.Name}") : $"product {productId}";
        }

        // One command for the whole batch: it checks every file again (its own plan), then sends them in order.
        var command = new UploadProductImagesCommand(productId, files.Select(f => f.Upload).ToList(), overwrite, Resumable: true, OnStored);
        try
        {
            if (session.Interactive)
            {
                await session.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        bar = context.AddTask(Markup.Escape($"{productId}/{files[0].Check.Name}"), maxValue: files.Count);
                        await sender.Send(command, cancellationToken);
                    });
                foreach (var outcome in outcomes)
                    await session.Out.WriteLineAsync(outcome);
            }
            else
            {
                await sender.Send(command, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            // Checked before the first file, so whatever stops the run now is the environment's doing: exit 1, never 2.
            session.Error(CliErrors.Describe(exception).Message);
            var landed = uploaded.Concat(identical).ToHashSet(StringComparer.Ordinal);
            var notLanded = files.Select(f => $"{productId}/{f.Check.Name}").Where(k => !landed.Contains(k)).ToList();
            session.Error($"{landed.Count} of {files.Count} images are stored ({List(uploaded, "uploaded now")}{(identical.Count > 0 ? $"; {List(identical, "there already")}" : "")}); "
                + $"not uploaded: {string.Join(", ", notLanded)}. Run the same command again to finish: stored images are skipped.");
            return ExitCodes.Failed;
        }

        await session.Out.WriteLineAsync(Summary(uploaded.Count, identical.Count, notImages));
        return ExitCodes.Done;
    }

    private async Task<int> DescribeAsync(List<ImageUploadCheck> accepted, int notImages)
    {
        foreach (var check in accepted)
        {
            var key = $"{productId}/{check.Name}";
            await session.Out.WriteLineAsync(check.Verdict switch
            {
                ImageUploadVerdict.New => $"would upload {key} ({check.ContentType})",
                ImageUploadVerdict.Replaces => $"would replace {key} ({check.ContentType})",
                _ => $"would skip (identical) {key}",
            });
        }

        var writes = accepted.Count(c => c.WouldWrite);
        await session.Out.WriteLineAsync(
            $"dry run, nothing changed: {writes} to upload, {accepted.Count - writes} to skip (identical), {notImages} skipped (not an image)");
        return ExitCodes.Done;
    }

    private static string Summary(int uploaded, int identical, int notImages) =>
        $"{uploaded} uploaded, {identical} skipped (identical), {notImages} skipped (not an image)";

    private static string List(List<string> keys, string label) =>
        keys.Count == 0 ? $"none {label}" : $"{label}: {string.Join(", ", keys)}";

    private static (List<LocalFile> Files, List<string> Problems) FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            return ([], [$"{folder}: no such folder"]);
        var files = new DirectoryInfo(folder)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0 })
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new LocalFile(f.FullName, f.Name, f.Length))
            .ToList();
        return (files, []);
    }

    private static (List<LocalFile> Files, List<string> Problems) FromPaths(string[] paths)
    {
        var files = new List<LocalFile>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
                files.Add(new LocalFile(path, Path.GetFileName(path), new FileInfo(path).Length));
            else
                problems.Add(Directory.Exists(path) ? $"{path} is a folder: use --image-dir" : $"{path}: no such file");
        }

        return (files, problems);
    }
}
