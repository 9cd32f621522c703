using CleanShop.Application.ProductImages.Commands.UploadProductImages;
using CleanShop.Application.ProductImages.Uploads;
using Mediator;

namespace CleanShop.Application.ProductImages.Queries.CheckProductImageUploads;

/// <summary>
/// Judges every file of an upload by the plan <see cref="UploadProductImagesCommand"/> acts on
/// (<see cref="ImageUploadPlan"/>), without writing anything, and says for each what an upload would do
/// with it. It lets a client check a whole batch before it sends the first file, and name every bad file
/// rather than the first one.
/// </summary>
public sealed record CheckProductImageUploadsQuery(int ProductId, IReadOnlyList<ImageUpload> Files, bool Overwrite = false)
    : IQuery<IReadOnlyList<ImageUploadCheck>>;
