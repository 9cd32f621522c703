namespace CleanShop.Application.Common.Interfaces;

/// <summary>Makes an original's variants now, in this process (the command line's <c>images variants</c>); the API makes them in the background by itself.</summary>
public interface IImageVariantMaker
{
    /// <param name="missingOnly">Leave alone variants already made from what the original is now, and an original that failed as it is.</param>
    Task<ImageVariantOutcome> MakeAsync(int productId, string filename, bool missingOnly, CancellationToken cancellationToken);
}

/// <summary>What making one original's variants came to.</summary>
public enum ImageVariantOutcome
{
    Made,
    /// <summary>Its variants were already made from what it is now.</summary>
    Current,
    /// <summary>It yielded none (not an image libvips can read, too large, too many pixels), now or before, unchanged since.</summary>
    Failed,
    /// <summary>It is gone (its variants with it), or was replaced while it was processed (queued again).</summary>
    Gone,
}
