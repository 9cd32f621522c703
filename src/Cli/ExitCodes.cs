namespace CleanShop.Cli;

/// <summary>What `cleanshop` tells its caller. Scripts rely on these: never renumber them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Done = 0;

    /// <summary>It failed while working (a component went away); the output says what was done and what was not.</summary>
    public const int Failed = 1;

    /// <summary>Bad input (options, files, an unknown product or image, settings, credentials): nothing was changed.</summary>
    public const int BadInput = 2;
}
