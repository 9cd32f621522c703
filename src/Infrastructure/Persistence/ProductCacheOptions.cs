using System.ComponentModel.DataAnnotations;

namespace CleanShop.Infrastructure.Persistence;

internal sealed class ProductCacheOptions
{
    public const string Section = "ProductCache";

    /// <summary>
    /// How long a product or a list is kept. Writes through the API or the CLI invalidate at once; this bounds only how
    /// long a change made behind their back (plain SQL) can go unseen.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);
}
