using System.Globalization;
using System.Text;

namespace CleanShop.Application.Common.Validation;

/// <summary>How a message quotes text that a client sent, refused or not.</summary>
public static class ClientText
{
    /// <summary>How much of the text <see cref="Printable"/> shows.</summary>
    public const int PrintableLength = 64;

    /// <summary>
    /// The text with control and invisible format characters written as \uXXXX, so that it cannot reorder or colour
    /// the message around it on a page or in a terminal (a bidi override, an ANSI escape), cut after
    /// <paramref name="maxLength"/> characters (<see cref="PrintableLength"/> unless told).
    /// </summary>
    public static string Printable(string? text, int maxLength = PrintableLength)
    {
        var printable = new StringBuilder();
        var count = 0;
        foreach (var rune in (text ?? string.Empty).EnumerateRunes())
        {
            if (++count > maxLength)
                return printable.Append('…').ToString();
            if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
                printable.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            else
                printable.Append(rune.ToString());
        }

        return printable.ToString();
    }
}
