using CleanShop.Infrastructure.Variants;
using NetVips;

namespace CleanShop.UnitTests.Infrastructure;

/// <summary>Real libvips on originals made here: every variant decoded back, its format and size checked.</summary>
public sealed class VariantMakerTests : IDisposable
{
    private const long MaxPixels = 40_000_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("cleanshop-variants-").FullName;

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void A_1000_by_600_original_yields_a_320_square_cover_thumb_an_800_wide_medium_and_an_unscaled_large_all_WebP(string format)
    {
        var original = Save(TwoTone(1000, 600), format);

        var made = VariantMaker.Make(original, ImageVariantOptions.Defaults(), MaxPixels).ToDictionary(v => v.Name);

        Assert.Equal(["large", "medium", "thumb"], made.Keys.Order(StringComparer.Ordinal));
        AssertWebP(made["thumb"], 320, 320);
        AssertWebP(made["medium"], 800, 480);
        AssertWebP(made["large"], 1000, 600); // never upscaled
    }

    [Fact]
    public void A_JPEG_stored_sideways_with_EXIF_orientation_6_comes_out_upright_and_without_metadata()
    {
        // Stored 400 x 200, white above black; orientation 6 means "turn 90 degrees clockwise to view": white on the right.
        using var stored = TwoTone(400, 200);
        using var tagged = stored.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        var original = Path.Combine(_folder, "sideways.jpg");
        tagged.Jpegsave(original, q: 95);

        var medium = VariantMaker.Make(original, ImageVariantOptions.Defaults(), MaxPixels).Single(v => v.Name == "medium");

        using var decoded = AssertWebP(medium, 200, 400);
        Assert.True(decoded.Getpoint(150, 200)[0] > 200, "the right half is not white");
        Assert.True(decoded.Getpoint(50, 200)[0] < 50, "the left half is not black");
        Assert.DoesNotContain("exif-data", decoded.GetFields());
        Assert.DoesNotContain("orientation", decoded.GetFields());
    }

    [Fact]
    public void A_truncated_original_yields_no_variant_but_a_failure_naming_libvips()
    {
        var whole = File.ReadAllBytes(Save(TwoTone(600, 400), "png"));
        var original = Path.Combine(_folder, "truncated.png");
        File.WriteAllBytes(original, whole[..120]); // the header survives, the pixels do not

        var failure = Assert.Throws<VariantFailedException>(() => VariantMaker.Make(original, ImageVariantOptions.Defaults(), MaxPixels));

        Assert.Contains("libvips", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_original_whose_header_declares_more_pixels_than_the_limit_is_refused_before_libvips_decodes_it()
    {
        var bytes = File.ReadAllBytes(Save(TwoTone(10, 10), "png"));
        // IHDR's width and height (bytes 16 to 23, big-endian): 50,000 x 50,000, a 2.5-gigapixel bomb.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 50_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 50_000);
        var original = Path.Combine(_folder, "bomb.png");
        File.WriteAllBytes(original, bytes);

        var failure = Assert.Throws<VariantFailedException>(() => VariantMaker.Make(original, ImageVariantOptions.Defaults(), MaxPixels));

        Assert.Contains("50000 x 50000", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_image_yields_a_failure_naming_the_formats()
    {
        var original = Path.Combine(_folder, "notes.png");
        File.WriteAllText(original, "not an image at all");

        var failure = Assert.Throws<VariantFailedException>(() => VariantMaker.Make(original, ImageVariantOptions.Defaults(), MaxPixels));

        Assert.Contains("JPEG, PNG, GIF or WebP", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Image TwoTone(int width, int height)
    {
        using var white = (Image.Black(width, height / 2, bands: 3) + 255).Cast(Enums.BandFormat.Uchar);
        using var black = Image.Black(width, height - height / 2, bands: 3).Cast(Enums.BandFormat.Uchar);
        return white.Join(black, Enums.Direction.Vertical);
    }

    private string Save(Image image, string format)
    {
        using (image)
        {
            var path = Path.Combine(_folder, $"original.{format}");
            image.WriteToFile(path);
            return path;
        }
    }

    private static Image AssertWebP(MadeVariant variant, int width, int height)
    {
        var decoded = Image.NewFromBuffer(variant.WebP);
        Assert.Equal("webpload_buffer", decoded.Get("vips-loader"));
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal((width, height), (variant.Width, variant.Height));
        return decoded;
    }
}
