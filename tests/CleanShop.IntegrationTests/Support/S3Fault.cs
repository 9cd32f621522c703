namespace CleanShop.IntegrationTests.Support;

/// <summary>What the proxy does to a request instead of (or before) passing it on.</summary>
public abstract record S3Fault
{
    /// <summary>Answers with an S3 error document: 500 InternalError, 503 SlowDown, 403 AccessDenied, 404 NoSuchBucket…</summary>
    public static S3Fault Error(int status, string code) => new ErrorFault(status, code);

    /// <summary>Answers 200 with a listing no XML reader accepts (a control character in it).</summary>
    public static S3Fault Unreadable { get; } = new UnreadableFault();

    /// <summary>Drops the connection without an answer.</summary>
    public static S3Fault Reset { get; } = new ResetFault();

    /// <summary>Accepts the request and never answers.</summary>
    public static S3Fault Hang { get; } = new HangFault();

    /// <summary>Passes the request on after <paramref name="time"/>.</summary>
    public static S3Fault Delay(TimeSpan time) => new DelayFault(time);

    /// <summary>Holds each request at <paramref name="gate"/> until the test opens it, then passes it on.</summary>
    public static S3Fault HoldAt(S3Gate gate) => new HoldFault(gate);

    internal sealed record ErrorFault(int Status, string Code) : S3Fault;
    internal sealed record UnreadableFault : S3Fault;
    internal sealed record ResetFault : S3Fault;
    internal sealed record HangFault : S3Fault;
    internal sealed record DelayFault(TimeSpan Time) : S3Fault;
    internal sealed record HoldFault(S3Gate Gate) : S3Fault;
}
