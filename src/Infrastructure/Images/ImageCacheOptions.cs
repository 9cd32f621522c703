using System.ComponentModel.DataAnnotations;

namespace CleanShop.Infrastructure.Images;

/// <summary>How long presigned URLs live, how long before their end they are replaced, and how long a degraded answer is kept.</summary>
internal sealed class ImageCacheOptions
{
    public const string Section = "ImageCache";

    /// <summary>How long a presigned URL works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] // SigV4 allows at most 7 days
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every URL handed out stays valid for at least this long after the response.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RefreshBuffer { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a degraded answer (no entry, and the store unreachable) is kept before a read asks the store again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FailureCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The rule across fields, checked at start-up: a buffer that eats the whole URL lifetime leaves nothing to cache.</summary>
    public string? CrossFieldError() =>
        RefreshBuffer >= UrlLifetime
            ? $"{Section}:{nameof(RefreshBuffer)} ({RefreshBuffer}) must be shorter than {Section}:{nameof(UrlLifetime)} ({UrlLifetime})."
            : null;
}
