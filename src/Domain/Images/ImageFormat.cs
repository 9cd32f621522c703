namespace CleanShop.Domain.Images;

/// <summary>The image formats the shop accepts, recognised by their first bytes, never by name or declared type.</summary>
public sealed record ImageFormat(string Name, string ContentType)
{
    public static readonly ImageFormat Jpeg = new("JPEG", "image/jpeg");
    public static readonly ImageFormat Png = new("PNG", "image/png");
    public static readonly ImageFormat Gif = new("GIF", "image/gif");
    public static readonly ImageFormat WebP = new("WebP", "image/webp");

    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int SignatureLength = 12;

    public static IReadOnlyList<ImageFormat> Allowed { get; } = [Jpeg, Png, Gif, WebP];

    /// <summary>The format whose signature starts <paramref name="header"/>, or null when it is none of the allowed ones.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Jpeg;
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return Png;
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
            return Gif;
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
            return WebP;
        return null;
    }
}
