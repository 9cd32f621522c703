namespace CleanShop.Application.Common.Interfaces;

/// <summary>A file of this process's own, deleted when disposed; it can be read as often as needed.</summary>
public sealed class TemporaryFile(string path) : IDisposable
{
    public string Path { get; } = path;

    public long Length => new FileInfo(Path).Length;

    public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous);

    public void Dispose() => File.Delete(Path);
}
