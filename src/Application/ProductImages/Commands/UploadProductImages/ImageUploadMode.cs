namespace CleanShop.Application.ProductImages.Commands.UploadProductImages;

/// <summary>What an upload does once every file is judged and none is refused.</summary>
public enum ImageUploadMode
{
    /// <summary>Stores every file or none (the API's upload): a file stored already with the same bytes needs overwrite like any other.</summary>
    AllOrNone,

    /// <summary>
    /// Skips a file whose name and SHA-256 are stored already, and keeps the files stored before a failure (each lands
    /// whole or not at all): running it again after a failure finishes the job (the command line's upload).
    /// </summary>
    SkipIdentical,

    /// <summary>Judges every file as <see cref="SkipIdentical"/> would, and stores nothing.</summary>
    DryRun,
}
