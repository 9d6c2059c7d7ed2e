using System.Text;

namespace Nuzantara.Hosting.Publishing.Compose;

/// <summary>
/// The <c>.env</c> next to docker-compose.yaml, which docker-compose reads for <c>${VARIABLE}</c> substitution. A value
/// already in the file is kept when publishing again, so secrets filled in by hand survive a new publish.
/// </summary>
internal static class EnvFile
{
    public sealed record Entry(string Name, string Comment, string Value);

    public static string Render(IEnumerable<Entry> entries, string header, IReadOnlyDictionary<string, string> existing)
    {
        var text = new StringBuilder(header);
        foreach (var entry in entries)
        {
            text.Append('\n').Append("# ").Append(entry.Comment).Append('\n')
                .Append(entry.Name).Append('=').Append(existing.GetValueOrDefault(entry.Name, entry.Value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The <c>NAME=value</c> lines of an existing file; comments and blank lines are skipped.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var separator = line.IndexOf('=');
            if (separator > 0 && !line.TrimStart().StartsWith('#'))
            {
                values[line[..separator].Trim()] = line[(separator + 1)..];
            }
        }

        return values;
    }
}
