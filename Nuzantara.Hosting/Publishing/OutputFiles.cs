namespace Nuzantara.Hosting.Publishing;

/// <summary>Writes the publishers' text files: UTF-8 without BOM, creating folders as needed.</summary>
internal static class OutputFiles
{
    /// <param name="relativePath">With '/' separators, under <paramref name="root"/>.</param>
    public static async Task WriteAsync(string root, string relativePath, string content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A path as written into a published file: relative to the folder of that file, with '/' separators.</summary>
    public static string Relative(string fromDirectory, string path) => Path.GetRelativePath(fromDirectory, path).Replace(Path.DirectorySeparatorChar, '/');
}
