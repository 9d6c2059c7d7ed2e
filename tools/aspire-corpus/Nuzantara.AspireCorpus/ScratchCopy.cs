namespace Nuzantara.AspireCorpus;

/// <summary>
/// Copies a corpus folder to the scratch folder, so that rewriting project files and building never touch the
/// original. Build outputs, dependencies and git data are left behind: they are rebuilt or not needed.
/// </summary>
public static class ScratchCopy
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", ".venv", "artifacts", "TestResults"];

    public static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            if (!IsLink(file))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            if (!IsLink(folder) && !SkippedFolders.Contains(Path.GetFileName(folder), StringComparer.OrdinalIgnoreCase))
            {
                Copy(folder, Path.Combine(destination, Path.GetFileName(folder)));
            }
        }
    }

    // A link may point outside the corpus, or in a loop.
    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
