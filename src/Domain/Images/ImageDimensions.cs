using System.Buffers.Binary;

namespace CleanShop.Domain.Images;

/// <summary>
/// Width and height as an image's header declares them, read without decoding a pixel: a file of a few dozen
/// bytes may declare 100000 x 100000 pixels, which every browser that shows it would try to allocate.
/// </summary>
public readonly record struct ImageDimensions(long Width, long Height)
{
    public long Pixels => Width * Height;

    /// <summary>
    /// The dimensions <paramref name="image"/> declares (read from its current position), or null when the header
    /// declares none (a truncated file, a JPEG without a frame header): such a file cannot be drawn at any size.
    /// </summary>
    public static ImageDimensions? Read(Stream image, ImageFormat format)
    {
        if (format == ImageFormat.Png)
            return ReadPng(Head(image, 24));
        if (format == ImageFormat.Gif)
            return ReadGif(Head(image, 10));
        if (format == ImageFormat.WebP)
            return ReadWebP(Head(image, 30));
        if (format == ImageFormat.Jpeg)
            return ReadJpeg(image);
        return null;
    }

    /// <summary>PNG: the IHDR chunk comes first, right after the signature; width and height are big-endian 32-bit.</summary>
    private static ImageDimensions? ReadPng(ReadOnlySpan<byte> head) =>
        head.Length >= 24 && head[12..16].SequenceEqual("IHDR"u8)
            ? new ImageDimensions(BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..]))
            : null;

    /// <summary>GIF: the logical screen, little-endian 16-bit, after the six-byte signature.</summary>
    private static ImageDimensions? ReadGif(ReadOnlySpan<byte> head) =>
        head.Length >= 10
            ? new ImageDimensions(BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]))
            : null;

    /// <summary>WebP: the first chunk after "RIFF....WEBP" is VP8 (lossy), VP8L (lossless) or VP8X (extended).</summary>
    private static ImageDimensions? ReadWebP(ReadOnlySpan<byte> head)
    {
        if (head.Length < 25)
            return null;
        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && head.Length >= 30 && head[23..26].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]))
            return new ImageDimensions(BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF);
        if (chunk.SequenceEqual("VP8L"u8) && head[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return new ImageDimensions((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8) && head.Length >= 30)
            return new ImageDimensions(ReadUInt24(head[24..]) + 1, ReadUInt24(head[27..]) + 1);
        return null;
    }

    /// <summary>
    /// JPEG: walks the segments from the start of the file to the first frame header (SOF0..SOF15 but DHT, JPG
    /// and DAC), skipping each segment by its length, so a frame header after large EXIF or ICC segments is found too.
    /// </summary>
    private static ImageDimensions? ReadJpeg(Stream image)
    {
        Span<byte> two = stackalloc byte[2];
        if (!ReadExactly(image, two) || two[0] != 0xFF || two[1] != 0xD8)
            return null;
        while (true)
        {
            // A marker: one or more 0xFF fill bytes, then its code.
            int code;
            do
            {
                code = image.ReadByte();
                if (code < 0) return null;
            }
            while (code == 0xFF);
            if (code is 0x01 or >= 0xD0 and <= 0xD7)
                continue; // standalone markers carry no length
            if (code is 0xD9 or 0xDA)
                return null; // end of image, or the scan itself, before any frame header

            if (!ReadExactly(image, two))
                return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(two);
            if (length < 2)
                return null;
            if (code is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                Span<byte> frame = stackalloc byte[5];
                return ReadExactly(image, frame)
                    ? new ImageDimensions(BinaryPrimitives.ReadUInt16BigEndian(frame[3..]), BinaryPrimitives.ReadUInt16BigEndian(frame[1..]))
                    : null;
            }

            if (!Skip(image, length - 2))
                return null;
        }
    }

    private static long ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);

    private static byte[] Head(Stream image, int count)
    {
        var buffer = new byte[count];
        var read = image.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private static bool ReadExactly(Stream image, Span<byte> buffer) =>
        image.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    private static bool Skip(Stream image, int count)
    {
        if (image.CanSeek)
        {
            if (image.Position + count > image.Length)
                return false;
            image.Seek(count, SeekOrigin.Current);
            return true;
        }

        Span<byte> sink = stackalloc byte[512];
        while (count > 0)
        {
            var read = image.Read(sink[..Math.Min(count, sink.Length)]);
            if (read == 0) return false;
            count -= read;
        }

        return true;
    }
}
