using CleanShop.Domain.Images;

namespace CleanShop.UnitTests.Domain;

public sealed class ImageFileNameTests
{
    [Theory]
    [InlineData("penguin.png", "penguin.png")]
    [InlineData("pip the penguin (front).jpg", "pip the penguin (front).jpg")]
    [InlineData("  penguin.png \t", "penguin.png")]
    [InlineData("pingüino.webp", "pingüino.webp")]
    [InlineData("企鹅.gif", "企鹅.gif")]
    [InlineData(".hidden", ".hidden")]
    public void Normalize_accepts_an_ordinary_name_and_trims_it(string raw, string expected)
    {
        var name = ImageFileName.Normalize(raw, out var error);

        Assert.Null(error);
        Assert.Equal(expected, name);
    }

    [Fact]
    public void Normalize_turns_decomposed_unicode_into_its_composed_form()
    {
        const string decomposed = "pingu\u0308ino.png"; // u + combining diaeresis, as macOS writes file names

        var name = ImageFileName.Normalize(decomposed, out _);

        Assert.Equal("ping\u00FCino.png", name);
    }

    [Fact]
    public void Normalize_accepts_255_characters_and_measures_after_composing()
    {
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", ImageFileName.MaxLength)); // 510 chars, 255 once composed

        var name = ImageFileName.Normalize(decomposed, out var error);

        Assert.Null(error);
        Assert.Equal(ImageFileName.MaxLength, name!.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/")]
    [InlineData("../penguin.png")]
    [InlineData("a/b.png")]
    [InlineData("\\")]
    [InlineData("a\\b.png")]
    [InlineData("..")]
    [InlineData("penguin..png")]
    [InlineData(".")]
    [InlineData("pen\u0000guin.png")]
    [InlineData("pen\tguin.png")]
    [InlineData("pen\u007Fguin.png")]
    public void Normalize_refuses_a_name_that_is_empty_or_could_leave_its_prefix(string? raw)
    {
        var name = ImageFileName.Normalize(raw, out var error);

        Assert.Null(name);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Normalize_refuses_a_name_over_255_characters()
    {
        var name = ImageFileName.Normalize(new string('a', ImageFileName.MaxLength - 3) + ".png", out var error);

        Assert.Null(name);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("\u202Egnp.exe")] // RIGHT-TO-LEFT OVERRIDE: shows as "exe.png"
    [InlineData("front\u202D.png")] // LEFT-TO-RIGHT OVERRIDE
    [InlineData("front\u2066.png")] // LEFT-TO-RIGHT ISOLATE
    [InlineData("fr\u200Bont.png")] // ZERO WIDTH SPACE
    [InlineData("front\u00AD.png")] // SOFT HYPHEN
    [InlineData("\uFEFFfront.png")] // BYTE ORDER MARK
    [InlineData("front\U000E0041\U000E007F.png")] // TAG LATIN CAPITAL LETTER A, CANCEL TAG: invisible, outside the BMP
    public void Normalize_refuses_invisible_format_characters(string raw)
    {
        Assert.Null(ImageFileName.Normalize(raw, out var error));
        Assert.Contains("Cf", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_fits_an_S3_key_under_the_longest_product_prefix()
    {
        Assert.Equal(ImageFileName.MaxUtf8Bytes, 1024 - "2147483647/".Length);
        // 255 characters of three UTF-8 bytes each: the character limit keeps every name within the key limit.
        var widest = new string('\u20AC', ImageFileName.MaxLength);
        Assert.Equal(widest, ImageFileName.Normalize(widest, out _));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(widest) <= ImageFileName.MaxUtf8Bytes);
    }

    [Theory]
    [InlineData(" padded.png ")]
    [InlineData("\u202Egnp.exe")]
    [InlineData("cafe\u0301.png")]
    [InlineData("x%2Fy.png")]
    public void A_name_another_tool_may_store_can_be_stored_though_Normalize_would_change_or_refuse_it(string name) =>
        Assert.True(ImageFileName.CanBeStored(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b.png")]
    [InlineData("nul\u0000.png")]
    [InlineData("\u001B[31mred.png")]
    public void A_name_no_stored_image_can_have_cannot_be_stored(string name) =>
        Assert.False(ImageFileName.CanBeStored(name));

    [Fact]
    public void A_name_over_255_characters_cannot_be_stored()
    {
        Assert.True(ImageFileName.CanBeStored(new string('x', ImageFileName.MaxLength)));
        Assert.False(ImageFileName.CanBeStored(new string('x', ImageFileName.MaxLength + 1)));
    }
}
