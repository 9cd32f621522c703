namespace CleanShop.Application.Images;

/// <summary>
/// Per request (scoped): whether some image set in the answer is degraded because the store could
/// not be read. The API turns it into a response header; the JSON contract stays untouched.
/// </summary>
public sealed class ImageReadStatus
{
    public bool Degraded { get; private set; }

    internal void MarkDegraded() => Degraded = true;
}
