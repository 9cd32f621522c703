using CleanShop.Application.Common.Interfaces;
using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Application.ProductImages.Uploads;

namespace CleanShop.UnitTests.Application;

/// <summary>
/// The plan every upload route acts on, judged without a store: a refused file means the store is never asked
/// (<see cref="UnaskedStorage"/> throws if it is). The name rules moved here from the command's validator, so that
/// the command line names every bad file with its content problems in one call.
/// </summary>
public sealed class ImageUploadPlanTests
{
    private static readonly ImageUploadOptions Limits = new() { MaxFileBytes = 1000 };
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1];

    private static ImageUpload File(string name, byte[]? bytes = null, string? sha256 = null)
    {
        var content = bytes ?? Jpeg;
        return new(name, content.Length, () => new MemoryStream(content), sha256);
    }

    private static Task<IReadOnlyList<ImageUploadCheck>> DecideAsync(params ImageUpload[] files) =>
        ImageUploadPlan.DecideAsync(new UnaskedStorage(), new UploadProductImagesCommand(1, files), Limits, CancellationToken.None);

    [Theory]
    [InlineData("../escape.jpg")]
    [InlineData("a/b.jpg")]
    [InlineData("")]
    [InlineData("..")]
    public async Task Refuses_a_file_whose_name_is_unsafe_and_names_it(string name)
    {
        var plan = await DecideAsync(File("front.jpg", [1, 2, 3]), File(name));

        Assert.Equal(ImageUploadVerdict.InvalidName, plan[1].Verdict);
        Assert.Contains($"'{name}'", plan[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("front.jpg", "front.jpg")]
    [InlineData("front.jpg", "  front.jpg ")]
    [InlineData("pingu\u0308ino.jpg", "ping\u00FCino.jpg")]
    public async Task Refuses_two_files_whose_names_are_the_same_once_normalised(string first, string second)
    {
        var plan = await DecideAsync(File(first), File(second));

        Assert.Equal(ImageUploadVerdict.DuplicateName, plan[1].Verdict);
    }

    [Fact]
    public async Task Judges_every_file_so_that_each_bad_one_is_named_not_only_the_first()
    {
        var plan = await DecideAsync(File("a/b.jpg"), File("notes.jpg", "hello"u8.ToArray()), File("big.jpg", new byte[1001]), File("good.jpg"));

        Assert.Equal([ImageUploadVerdict.InvalidName, ImageUploadVerdict.NotAnImage, ImageUploadVerdict.TooLarge, ImageUploadVerdict.New], plan.Select(c => c.Verdict));
    }

    [Fact]
    public async Task A_declared_SHA_256_that_the_bytes_do_not_have_refuses_the_file()
    {
        var plan = await DecideAsync(File("front.jpg", sha256: new string('0', 64)));

        Assert.Equal(ImageUploadVerdict.Sha256Mismatch, plan[0].Verdict);
    }

    [Fact]
    public async Task A_file_only_declared_so_far_is_judged_by_its_name_and_size_alone()
    {
        var declared = new ImageUpload("front.jpg", 2000, OpenRead: null);

        var plan = await DecideAsync(declared);

        Assert.Equal(ImageUploadVerdict.TooLarge, plan[0].Verdict);
    }

    /// <summary>A store that must not be asked: the plan asks it only when no file is refused.</summary>
    private sealed class UnaskedStorage : IImageStorage
    {
        private static InvalidOperationException Asked() => new InvalidOperationException("the store was asked about a refused upload");

        public ValueTask<ProductImageSet> GetImagesAsync(int productId, CancellationToken cancellationToken) => throw Asked();
        public ValueTask<IReadOnlyList<ProductImageSet>> GetImagesAsync(IReadOnlyList<int> productIds, CancellationToken cancellationToken) => throw Asked();
        public Task<IReadOnlyList<StoredImage>> ListStoredAsync(int productId, CancellationToken cancellationToken) => throw Asked();
        public Task<StoredImage?> FindAsync(int productId, string filename, CancellationToken cancellationToken) => throw Asked();
        public Task UploadAsync(int productId, string filename, Stream content, string contentType, string? sha256, CancellationToken cancellationToken) => throw Asked();
        public Task AdoptStagedAsync(string uploadId, int productId, string filename, string contentType, string sha256, CancellationToken cancellationToken) => throw Asked();
        public Task DeleteAsync(int productId, string filename, CancellationToken cancellationToken) => throw Asked();
        public Task DeleteAllAsync(int productId, CancellationToken cancellationToken) => throw Asked();
        public ValueTask<bool> InvalidateAsync(int productId, CancellationToken cancellationToken) => throw Asked();
        public ValueTask<bool> InvalidateAllAsync(CancellationToken cancellationToken) => throw Asked();
    }
}
