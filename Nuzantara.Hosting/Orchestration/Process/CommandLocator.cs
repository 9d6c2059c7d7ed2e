namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>Finds a command as a shell would, plus the sbin folders and the '*' patterns recipes use for versioned paths.</summary>
internal static class CommandLocator
{
    public static string? Find(string command)
    {
        if (command.Contains('*'))
        {
            var directory = command[..command.IndexOf('*')];
            var parent = Path.GetDirectoryName(directory)!;
            if (!Directory.Exists(parent))
            {
                return null;
            }

            var relative = command[(parent.Length + 1)..];
            return Directory.EnumerateDirectories(parent)
                .Select(d => Path.Combine(d, relative[(relative.IndexOf('/') + 1)..]))
                .Where(File.Exists)
                .OrderBy(p => p, StringComparer.Ordinal)
                .LastOrDefault();
        }

        if (Path.IsPathRooted(command))
        {
            return File.Exists(command) ? command : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return path.Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);
    }
}
