using System.Text;
using CleanShop.Domain.Images;

namespace CleanShop.UnitTests.Domain;

public sealed class ImageFormatTests
{
    public static TheoryData<byte[], string> Signatures => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01], "image/jpeg" },
        { [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "image/png" },
        { Ascii("GIF87a\x01\x00\x01\x00\x80\x00"), "image/gif" },
        { Ascii("GIF89a\x01\x00\x01\x00\x80\x00"), "image/gif" },
        { Ascii("RIFF\x24\x00\x00\x00WEBP"), "image/webp" },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Detect_recognises_an_allowed_format_by_its_first_bytes(byte[] header, string contentType)
    {
        var format = ImageFormat.Detect(header);

        Assert.NotNull(format);
        Assert.Equal(contentType, format.ContentType);
        Assert.Contains(format, ImageFormat.Allowed);
    }

    public static TheoryData<string, byte[]> NotImages => new()
    {
        { "empty", [] },
        { "text", Ascii("hello, world") },
        { "html named like an image", Ascii("<html><body>") },
        { "JPEG signature cut short", [0xFF, 0xD8] },
        { "PNG signature cut short", [0x89, (byte)'P', (byte)'N', (byte)'G'] },
        { "GIF without its version", Ascii("GIF8") },
        { "RIFF header cut short", Ascii("RIFF\x24\x00\x00\x00WEB") },
        { "RIFF holding a WAVE", Ascii("RIFF\x24\x00\x00\x00WAVE") },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void Detect_refuses_bytes_that_are_not_an_allowed_image(string what, byte[] header)
    {
        Assert.True(ImageFormat.Detect(header) is null, $"{what} was taken for an image");
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}
