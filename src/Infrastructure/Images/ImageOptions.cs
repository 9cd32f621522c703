using System.ComponentModel.DataAnnotations;

namespace CleanShop.Infrastructure.Images;

/// <summary>
/// Every setting of the image path, in one class, bound from the sections operators already set: where the bucket is
/// (<c>ImageStorage</c>), how long URLs and degraded answers live (<c>ImageCache</c>), how often the bucket is swept (<c>ImageIndex</c>).
/// </summary>
internal sealed class ImageOptions : IValidatableObject
{
    public const string StorageSection = "ImageStorage";
    public const string CacheSection = "ImageCache";
    public const string IndexSection = "ImageIndex";

    [Required, RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "ImageStorage:BucketName is not a valid S3 bucket name.")]
    public string BucketName { get; set; } = "product-image-collection";

    /// <summary>An S3-compatible endpoint (the local emulator); unset for AWS, which then uses <see cref="Region"/>.</summary>
    [Url]
    public string? ServiceUrl { get; set; }

    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Static credentials, for the local emulator only; AWS stacks use the SDK's default credential chain.</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    [Range(1, 1000)] // objects per ListObjectsV2 page; S3 allows up to 1,000
    public int ListPageSize { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")] // one attempt of an S3 request
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a storefront read waits for S3, retries included; past it the read answers degraded.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(0, 10)] // after a failed attempt, in the SDK's standard retry mode
    public int MaxRetries { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] // SigV4 allows at most 7 days
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every URL handed out stays valid for at least this long after the response.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RefreshBuffer { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a degraded answer is kept before a read asks the store again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FailureCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the whole bucket is listed: a change by any S3 client shows within this and a second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the sweeping instance's lease lasts unrenewed: another instance takes over within it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after signing a set reaches its refresh point: the one rule, for the cache entry and <see cref="ImageSet.RefreshAt"/>.</summary>
    public TimeSpan FreshFor => UrlLifetime - RefreshBuffer;

    public string? CrossFieldError() =>
        RefreshBuffer >= UrlLifetime ? $"{CacheSection}:{nameof(RefreshBuffer)} ({RefreshBuffer}) must be shorter than {CacheSection}:{nameof(UrlLifetime)} ({UrlLifetime})."
        : (AccessKey is null) != (SecretKey is null) ? $"{StorageSection}:AccessKey and {StorageSection}:SecretKey go together: set both or neither."
        : null;

    /// <summary>The rules across fields, checked at start-up with the others.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        CrossFieldError() is { } error ? [new ValidationResult(error)] : [];
}
