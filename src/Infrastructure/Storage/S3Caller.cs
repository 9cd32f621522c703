namespace CleanShop.Infrastructure.Storage;

/// <summary>Who asked S3: a request (a storefront read, or a staff write) or the background sweep. Reads are bounded by the read timeout.</summary>
internal enum S3Caller
{
    /// <summary>A storefront read that found no cached entry: bounded by the read timeout.</summary>
    RequestRead,

    /// <summary>A request that writes or describes objects for staff.</summary>
    Request,

    /// <summary>The background sweep.</summary>
    Background,
}
