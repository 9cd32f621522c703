using CleanShop.Application.Common.Validation;

namespace CleanShop.UnitTests.Application;

public sealed class ClientTextTests
{
    [Theory]
    [InlineData("\u202Egnp.exe", "\\u202Egnp.exe")] // RIGHT-TO-LEFT OVERRIDE
    [InlineData("\u001b[31mred.png", "\\u001B[31mred.png")] // an ANSI colour escape
    [InlineData("a\U000E0041.png", "a\\uE0041.png")] // a tag character, outside the BMP
    [InlineData("line\nbreak", "line\\u000Abreak")]
    [InlineData("日本 (1).png", "日本 (1).png")]
    [InlineData("🐧.png", "🐧.png")]
    public void Printable_writes_control_and_format_characters_as_escapes_and_leaves_the_rest(string text, string shown)
    {
        Assert.Equal(shown, ClientText.Printable(text));
    }

    [Fact]
    public void Printable_cuts_long_text_after_64_characters_without_splitting_a_surrogate_pair()
    {
        var shown = ClientText.Printable(string.Concat(Enumerable.Repeat("🐧", 100)));

        Assert.Equal(string.Concat(Enumerable.Repeat("🐧", ClientText.PrintableLength)) + "…", shown);
    }
}
