using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Application.ProductImages.Uploads;
using CleanShop.Cli.Hosting;
using Mediator;
using Spectre.Console;

namespace CleanShop.Cli.Verbs;

/// <summary>
/// One bulk upload: one <see cref="UploadProductImagesCommand"/>, which judges every file once (naming every bad
/// one before any is sent), then sends them in order, reporting each as it lands (progress advances file by file),
/// and leaves whole files behind when it fails half-way (an S3 PUT lands whole or not at all), which the next run
/// skips as identical. This class renders what it hears.
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
        if (uploads.Length == 0)
        {
            if (missing.Count > 0)
                return Refuse(missing, [], 0);
            await session.Out.WriteLineAsync(folder is not null ? $"no images in {folder}" : "nothing to upload");
            return ExitCodes.Done;
        }

        // A missing file refuses the whole run, but the files that are there are still judged, so every bad one is named.
        var mode = dryRun || missing.Count > 0 ? ImageUploadMode.DryRun : ImageUploadMode.SkipIdentical;
        var progress = new Progress(session, productId);
        var command = new UploadProductImagesCommand(productId, uploads, overwrite, mode, SkipNonImages: folder is not null, progress.OnPlanned, progress.OnStored);
        UploadProductImagesResult result;
        try
        {
            if (session.Interactive && mode == ImageUploadMode.SkipIdentical)
            {
                result = await session.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        progress.Bar = context.AddTask(Markup.Escape($"product {productId}"), maxValue: uploads.Length);
                        return await sender.Send(command, cancellationToken);
                    });
                await progress.FlushAsync();
            }
            else
            {
                result = await sender.Send(command, cancellationToken);
            }
        }
        catch (ImageUploadRefusedException refused)
        {
            return Refuse(missing, refused.Refused.ToList(), refused.Files.Count);
        }
        catch (Exception exception) when (progress.Planned is not null)
        {
            // Judged before the first file, so whatever stops the run now is the environment's doing: exit 1, never 2.
            await progress.FlushAsync();
            session.Error(CliErrors.Describe(exception).Message);
            var landed = progress.Uploaded.Concat(progress.Identical).ToHashSet(StringComparer.Ordinal);
            var toStore = progress.Planned.Where(c => c.Verdict != ImageUploadVerdict.NotAnImageSkipped).Select(c => $"{productId}/{c.Name}").ToList();
            var notLanded = toStore.Where(k => !landed.Contains(k)).ToList();
            session.Error($"{landed.Count} of {toStore.Count} images are stored ({List(progress.Uploaded, "uploaded now")}{(progress.Identical.Count > 0 ? $"; {List(progress.Identical, "there already")}" : "")}); "
                + $"not uploaded: {string.Join(", ", notLanded)}. Run the same command again to finish: stored images are skipped.");
            return ExitCodes.Failed;
        }

        if (missing.Count > 0)
            return Refuse(missing, [], result.Files.Count);
        var notImages = result.Files.Count(c => c.Verdict == ImageUploadVerdict.NotAnImageSkipped);
        if (mode == ImageUploadMode.DryRun)
            return await DescribeAsync(result.Files, notImages);
        if (notImages == result.Files.Count)
        {
            await session.Out.WriteLineAsync($"no images in {folder}");
            return ExitCodes.Done;
        }

        await session.Out.WriteLineAsync($"{progress.Uploaded.Count} uploaded, {progress.Identical.Count} skipped (identical), {notImages} skipped (not an image)");
        return ExitCodes.Done;
    }

    /// <summary>Every bad file named, one line each, then how many of all were refused: nothing was uploaded.</summary>
    private int Refuse(List<string> missing, List<ImageUploadCheck> refused, int judged)
    {
        foreach (var problem in missing)
            session.Error(problem);
        foreach (var bad in refused)
            session.Error(bad.Verdict == ImageUploadVerdict.Exists ? $"{bad.Reason} Use --overwrite to replace it." : bad.Reason!);
        session.Error($"nothing was uploaded: {refused.Count + missing.Count} of {judged + missing.Count} files refused.");
        return ExitCodes.BadInput;
    }

    /// <summary>What the command reports as it goes: the plan once, then each file as it lands.</summary>
    private sealed class Progress(CliSession session, int productId)
    {
        private readonly List<string> _outcomes = [];

        public ProgressTask? Bar { get; set; }
        public IReadOnlyList<ImageUploadCheck>? Planned { get; private set; }
        public List<string> Uploaded { get; } = [];
        public List<string> Identical { get; } = [];

        public void OnPlanned(IReadOnlyList<ImageUploadCheck> plan)
        {
            Planned = plan;
            foreach (var skipped in plan.Where(c => c.Verdict == ImageUploadVerdict.NotAnImageSkipped))
                session.Out.WriteLine($"skipped: {skipped.Reason}");
            if (Bar is not null)
                Bar.MaxValue = Math.Max(1, plan.Count(c => c.Verdict != ImageUploadVerdict.NotAnImageSkipped));
        }

        public void OnStored(StoredImageUpload stored)
        {
            var key = $"{productId}/{stored.Name}";
            (stored.Skipped ? Identical : Uploaded).Add(key);
            var outcome = stored.Skipped ? $"skipped (identical) {key}" : $"uploaded {key}";
            if (Bar is null)
            {
                session.Out.WriteLine(outcome);
                return;
            }

            _outcomes.Add(outcome); // shown under the bar once it is done
            Bar.Increment(1);
        }

        public async Task FlushAsync()
        {
            foreach (var outcome in _outcomes)
                await session.Out.WriteLineAsync(outcome);
            _outcomes.Clear();
        }
    }

    private async Task<int> DescribeAsync(IReadOnlyList<ImageUploadCheck> files, int notImages)
    {
        var accepted = files.Where(c => c.Verdict != ImageUploadVerdict.NotAnImageSkipped).ToList();
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
