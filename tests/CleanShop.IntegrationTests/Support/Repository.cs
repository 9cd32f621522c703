namespace CleanShop.IntegrationTests.Support;

/// <summary>The clone the tests run from: the folder above the test assembly that holds CleanShop.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CleanShop.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("CleanShop.sln not found above the test assembly.");
    }
}
