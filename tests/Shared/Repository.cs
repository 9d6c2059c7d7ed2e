namespace Nuzantara.Tests;

/// <summary>Where the repository is, for the test projects that read its files (linked into each).</summary>
internal static class Repository
{
    /// <summary>The folder holding Nuzantara.sln, found from the test's output folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nuzantara.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Nuzantara.sln above {AppContext.BaseDirectory}.");
    }
}
