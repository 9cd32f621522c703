using System.ComponentModel.DataAnnotations;

namespace CleanShop.Application.Images;

/// <summary>How long presigned URLs live and how long a product's image set is cached.</summary>
public sealed class ImageCacheOptions
{
    public const string Section = "ImageCache";

    /// <summary>How long a presigned URL works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] // SigV4 allows at most 7 days
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a product's image set is kept before S3 is listed again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every URL handed out stays valid for at least this long after the response.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RefreshBuffer { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a degraded answer (store unreachable) is kept before the store is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FailureCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An entry lives until its URLs' end minus the buffer, and never longer than the cache duration.</summary>
    public TimeSpan EntryLifetime => CacheDuration < UrlLifetime - RefreshBuffer ? CacheDuration : UrlLifetime - RefreshBuffer;

    /// <summary>The rule across fields, checked at start-up: a buffer that eats the whole URL lifetime leaves nothing to cache.</summary>
    public string? CrossFieldError() =>
        RefreshBuffer >= UrlLifetime
            ? $"{Section}:{nameof(RefreshBuffer)} ({RefreshBuffer}) must be shorter than {Section}:{nameof(UrlLifetime)} ({UrlLifetime})."
            : null;
}
