using System.ComponentModel.DataAnnotations;

namespace CleanShop.Application.ProductImages.Uploads;

public sealed class ImageUploadOptions
{
    public const string Section = "ImageUpload";

    /// <summary>The largest file accepted, in bytes (default 10 MiB).</summary>
    [Range(1, 5L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most files one upload may carry.</summary>
    [Range(1, 1000)]
    public int MaxFiles { get; set; } = 20;

    /// <summary>The most pixels (width x height, as the header declares them) an image may have (default 40 megapixels).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>How long a direct upload's presigned POST policy works (default 10 minutes): a browser posts the file at once.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan PolicyLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a staged direct upload that was never completed is kept before the cleanup deletes it (default 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan StagedLifetime { get; set; } = TimeSpan.FromHours(1);
}
