using System.ComponentModel.DataAnnotations;

namespace CleanShop.Infrastructure.Images;

/// <summary>The background sweep that keeps every product's cached image set in step with the bucket.</summary>
internal sealed class ImageIndexOptions
{
    public const string Section = "ImageIndex";

    /// <summary>
    /// How often the bucket is listed whole. A change made by any S3 client (the console, a sync, a script) shows in
    /// every instance within this interval and a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the sweeping instance's lease in Redis lasts without being renewed: when that instance dies, another
    /// one takes the sweep over within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(30);
}
