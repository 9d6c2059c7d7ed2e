namespace Nuzantara.Publishing.Tests;

/// <summary>
/// Compares a publisher's whole output with the files under Snapshots/&lt;publisher&gt;/. The one machine-dependent
/// part, the relative path from the output folder to the repository, is written as <c>{repo}</c>.
/// NUZANTARA_UPDATE_SNAPSHOTS=1 rewrites the snapshots from the output instead (review the diff, then commit).
/// </summary>
internal static class Snapshot
{
    private static string Directory(string publisher) => Path.Combine(Repository.Root, "tests", "Nuzantara.Publishing.Tests", "Snapshots", publisher);

    public static void Match(PublishedOutputs outputs, string publisher)
    {
        var repo = Path.GetRelativePath(outputs.OutputOf(publisher), Repository.Root).Replace(Path.DirectorySeparatorChar, '/') + "/";
        var actual = outputs.FilesOf(publisher).ToDictionary(f => f.Key, f => f.Value.Replace(repo, "{repo}/", StringComparison.Ordinal));
        var directory = Directory(publisher);
        if (Environment.GetEnvironmentVariable("NUZANTARA_UPDATE_SNAPSHOTS") == "1")
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            foreach (var (path, content) in actual)
            {
                var file = Path.Combine(directory, path);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, content);
            }
        }

        Assert.True(System.IO.Directory.Exists(directory), $"No snapshot at {directory}: run the tests once with NUZANTARA_UPDATE_SNAPSHOTS=1 and review what it writes.");
        var expected = System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in expected)
        {
            Assert.True(content == actual[path],
                $"{publisher}/{path} differs from its snapshot (NUZANTARA_UPDATE_SNAPSHOTS=1 updates it).{Environment.NewLine}--- expected{Environment.NewLine}{content}{Environment.NewLine}--- actual{Environment.NewLine}{actual[path]}");
        }
    }
}
