namespace CleanShop.IntegrationTests.Support;

/// <summary>A gate requests wait at: a test sees them arrive, does something meanwhile, then lets them through.</summary>
public sealed class S3Gate
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first request reaches the gate.</summary>
    public Task Arrived => _arrived.Task;

    internal Task Opened => _opened.Task;

    internal void Arrive() => _arrived.TrySetResult();

    public void Open() => _opened.TrySetResult();
}
