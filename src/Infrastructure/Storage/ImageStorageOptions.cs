using System.ComponentModel.DataAnnotations;

namespace CleanShop.Infrastructure.Storage;

/// <summary>Where product images are stored. Unset <see cref="ServiceUrl"/> means AWS S3 itself.</summary>
public sealed class ImageStorageOptions
{
    public const string Section = "ImageStorage";

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

    /// <summary>Objects per ListObjectsV2 page (S3 allows up to 1,000).</summary>
    [Range(1, 1000)]
    public int ListPageSize { get; set; } = 1000;

    /// <summary>How long one attempt of an S3 request may take before it is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest a storefront read waits for S3, retries included. Reads only go to S3 when a product has no cached
    /// entry at all; past this they answer with what the cache holds (degraded), never an error.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after a failed attempt (the SDK's standard retry mode).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    public string? CrossFieldError() =>
        (AccessKey is null) != (SecretKey is null)
            ? $"{Section}:AccessKey and {Section}:SecretKey go together: set both or neither."
            : null;
}
