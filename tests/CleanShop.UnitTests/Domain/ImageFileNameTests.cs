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
}
