using FluentValidation;

namespace CleanShop.Application.Common.Validation;

/// <summary>
/// Text a client may store: no control characters (PostgreSQL refuses NUL; the others corrupt terminals and
/// logs) and no broken UTF-16 (a lone surrogate cannot be written as UTF-8). Multi-line text may keep
/// line breaks and tabs.
/// </summary>
public static class TextRules
{
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, bool multiLine = false) =>
        rule.Must(text => IsPlainText(text, multiLine))
            .WithMessage(multiLine
                ? "'{PropertyName}' may not contain control characters other than line breaks and tabs."
                : "'{PropertyName}' may not contain control characters or line breaks.");

    public static bool IsPlainText(string? text, bool multiLine)
    {
        if (text is null)
            return true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++; // a whole pair: one character outside the BMP
            else if (char.IsSurrogate(c))
                return false;
            else if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
                return false;
        }

        return true;
    }
}
