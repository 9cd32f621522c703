using CleanShop.Application.Common.Validation;

namespace CleanShop.UnitTests.Application;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Pip the Penguin")]
    [InlineData("pingüino 企鹅 🐧")]
    [InlineData("")]
    [InlineData(null)]
    public void Ordinary_text_is_plain_text(string? text) => Assert.True(TextRules.IsPlainText(text, multiLine: false));

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u001b[31mb")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    public void Control_characters_line_breaks_and_lone_surrogates_are_not_single_line_text(string text) =>
        Assert.False(TextRules.IsPlainText(text, multiLine: false));

    [Fact]
    public void A_lone_surrogate_is_not_text()
    {
        // Built at run time: an attribute argument cannot hold a lone surrogate (it is stored as UTF-8).
        foreach (var text in new[] { "a" + (char)0xD800 + "b", "a" + (char)0xDC00 + "b", "a" + (char)0xD83D })
            Assert.False(TextRules.IsPlainText(text, multiLine: true));
        Assert.True(TextRules.IsPlainText("a" + (char)0xD83D + (char)0xDC27, multiLine: false)); // a whole pair: 🐧
    }

    [Fact]
    public void Multi_line_text_keeps_line_breaks_and_tabs_but_not_other_control_characters()
    {
        Assert.True(TextRules.IsPlainText("one\r\ntwo\tthree\n", multiLine: true));
        Assert.False(TextRules.IsPlainText("one\u0000", multiLine: true));
        Assert.False(TextRules.IsPlainText("one\u000b", multiLine: true));
    }
}
