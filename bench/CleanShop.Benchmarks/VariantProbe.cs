using System.Diagnostics;
using System.Globalization;
using CleanShop.Infrastructure.Variants;
using NetVips;

namespace CleanShop.Benchmarks;

/// <summary>
/// variants [--runs N]: the default variants of a 12-megapixel JPEG (4000 x 3000, quality 90), made as the worker makes
/// them (VariantMaker, libvips limited the same way). The picture is synthetic: smooth colour fields and a little grain,
/// which compresses about as a photo does. Prints the median seconds per original, the thumb's bytes over the original's
/// (what a list page of such images weighs with thumbs), and this process's peak RSS.
/// </summary>
internal static class VariantProbe
{
    public static int Run(string[] args)
    {
        var runs = args is ["--runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
        var options = new ImageVariantOptions();
        VariantWorker.LimitLibvips(options);
        var original = Path.Combine(Path.GetTempPath(), $"cleanshop-bench-{Environment.ProcessId}.jpg");
        try
        {
            using (var photo = Photo(4000, 3000))
                photo.Jpegsave(original, q: 90);
            var seconds = new List<double>();
            IReadOnlyList<MadeVariant> made = [];
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                made = VariantMaker.Make(original, options.Variants, maxPixels: 40_000_000);
                seconds.Add(watch.Elapsed.TotalSeconds);
            }

            seconds.Sort();
            var thumb = made.Single(v => v.Name == "thumb").WebP.Length;
            Console.WriteLine(FormattableString.Invariant($"variant_seconds_per_12mp_jpeg {seconds[seconds.Count / 2]:0.000}"));
            Console.WriteLine(FormattableString.Invariant($"thumb_bytes_over_original {(double)thumb / new FileInfo(original).Length:0.0000}"));
            Console.WriteLine(FormattableString.Invariant($"original_bytes {new FileInfo(original).Length} thumb_bytes {thumb}"));
            Console.WriteLine(FormattableString.Invariant($"peak_rss_mb {PeakRssMb()}"));
            return 0;
        }
        finally
        {
            File.Delete(original);
        }
    }

    private static Image Photo(int width, int height)
    {
        // Colour fields: noise at a 100th of the size, enlarged smoothly; then grain at full size.
        using var fields = Image.Gaussnoise(width / 100, height / 100, sigma: 60, mean: 128);
        using var colours = fields.Bandjoin(fields.Rot180().Resize(1), fields.Flip(Enums.Direction.Horizontal));
        using var smooth = colours.Resize(100, kernel: Enums.Kernel.Cubic);
        using var grain = Image.Gaussnoise(smooth.Width, smooth.Height, sigma: 6, mean: 0);
        using var photo = smooth + grain;
        return photo.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>VmHWM: the most resident memory this process ever had.</summary>
    private static long PeakRssMb() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();
}
