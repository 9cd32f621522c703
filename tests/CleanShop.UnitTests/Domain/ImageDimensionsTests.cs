using System.Buffers.Binary;
using CleanShop.Domain.Images;

namespace CleanShop.UnitTests.Domain;

/// <summary>Crafted headers: the dimensions are read from the bytes alone, whatever the rest of the file holds.</summary>
public sealed class ImageDimensionsTests
{
    private static ImageDimensions? Read(byte[] bytes, bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekable(bytes);
        return ImageDimensions.Read(stream, ImageFormat.Detect(bytes)!);
    }

    public static byte[] Png(uint width, uint height)
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    private static byte[] Gif(ushort width, ushort height)
    {
        byte[] bytes = [.. "GIF89a"u8, 0, 0, 0, 0, 0x80, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), height);
        return bytes;
    }

    private static byte[] Segment(byte marker, int payload) =>
        [0xFF, marker, (byte)((payload + 2) >> 8), (byte)(payload + 2), .. new byte[payload]];

    private static byte[] Jpeg(byte sof, ushort width, ushort height, params byte[][] before)
    {
        byte[] frame = [0xFF, sof, 0, 17, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
        return [0xFF, 0xD8, .. before.SelectMany(b => b), .. frame, 0xFF, 0xD9];
    }

    [Theory]
    [InlineData(1u, 1u)]
    [InlineData(100_000u, 100_000u)]
    [InlineData(uint.MaxValue, 3u)]
    public void A_PNG_declares_its_size_in_IHDR(uint width, uint height) =>
        Assert.Equal(new ImageDimensions(width, height), Read(Png(width, height)));

    [Fact]
    public void A_PNG_cut_before_its_IHDR_declares_nothing() => Assert.Null(Read(Png(5, 5)[..20]));

    [Fact]
    public void A_GIF_declares_its_logical_screen() => Assert.Equal(new ImageDimensions(65535, 640), Read(Gif(65535, 640)));

    [Theory]
    [InlineData(0xC0)] // baseline
    [InlineData(0xC1)]
    [InlineData(0xC2)] // progressive
    [InlineData(0xC3)]
    [InlineData(0xC5)]
    [InlineData(0xC7)]
    [InlineData(0xC9)]
    [InlineData(0xCB)]
    [InlineData(0xCD)]
    [InlineData(0xCF)]
    public void A_JPEG_declares_its_size_in_any_frame_header(byte sof) =>
        Assert.Equal(new ImageDimensions(4000, 3000), Read(Jpeg(sof, 4000, 3000)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_JPEG_frame_header_after_large_EXIF_tables_and_fill_bytes_is_found(bool seekable)
    {
        // APP0, two 64 KB APP1/APP2 segments, a DHT (0xC4, not a frame), a DQT, a restart marker and fill bytes.
        var jpeg = Jpeg(0xC2, 65535, 65535, Segment(0xE0, 14), Segment(0xE1, 65000), Segment(0xE2, 65000),
            Segment(0xC4, 30), Segment(0xDB, 64), [0xFF, 0xFF, 0xFF]);

        Assert.Equal(new ImageDimensions(65535, 65535), Read(jpeg, seekable));
    }

    [Fact]
    public void A_JPEG_without_a_frame_header_or_cut_in_a_segment_declares_nothing()
    {
        Assert.Null(Read([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0xFF, 0xD9]));
        Assert.Null(Read([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0, 1, 2, 3]));
        Assert.Null(Read([0xFF, 0xD8, 0xFF, 0xDA, 0, 8, 1, 2, 3, 4, 5, 6]));
        Assert.Null(Read([0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 1]));
    }

    [Fact]
    public void A_lossy_WebP_declares_its_size_in_the_VP8_frame()
    {
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8, 0, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(webp.AsSpan(26), 16383 | (1 << 14)); // the top two bits scale, not size
        BinaryPrimitives.WriteUInt16LittleEndian(webp.AsSpan(28), 1000);

        Assert.Equal(new ImageDimensions(16383, 1000), Read(webp));
    }

    [Fact]
    public void A_lossless_WebP_declares_its_size_in_fourteen_bit_fields()
    {
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8L"u8, 0, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), (16383u) | (9999u << 14)); // width-1, height-1

        Assert.Equal(new ImageDimensions(16384, 10000), Read(webp));
    }

    [Fact]
    public void An_extended_WebP_declares_its_canvas_in_VP8X()
    {
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x9F, 0x86, 0x01, 0, 0];

        Assert.Equal(new ImageDimensions(16_777_216, 100_000), Read(webp));
    }

    [Fact]
    public void The_test_suites_WebP_is_one_by_one_pixel()
    {
        byte[] webp = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8L"u8, 0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0];

        Assert.Equal(new ImageDimensions(1, 1), Read(webp));
    }

    [Fact]
    public void A_WebP_with_an_unknown_first_chunk_declares_nothing()
    {
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPALPH"u8, .. new byte[20]];

        Assert.Null(Read(webp));
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
