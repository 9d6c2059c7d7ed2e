using System.Text.Json;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>
/// Installs a JavaScript app's packages with npm before it starts. npm is told to prefer its cache, not to retry and
/// to give up on a silent registry, so that a machine without one gets a failure naming the app within seconds
/// instead of a start that hangs in npm's retries.
/// </summary>
internal static class NpmInstallStep
{
    /// <summary>Cache first; no retries; 30 s per request; no audit or funding requests, which need the registry too.</summary>
    internal static readonly string[] OfflineFriendlyArgs = ["--prefer-offline", "--fetch-retries=0", "--fetch-timeout=30000", "--no-audit", "--no-fund", "--no-update-notifier"];

    private const string Fix =
        "Where no npm registry is reachable, commit the app's node_modules, fill npm's cache beforehand (npm cache add <package>@<version>), " +
        "or set npm_config_registry (WithEnvironment) to a registry this machine reaches.";

    public static BeforeLaunchAnnotation Create(string installCommand, string[] installArgs) =>
        new($"npm {installCommand} (before start)", context => RunAsync(context, installCommand, installArgs));

    private static async Task RunAsync(BeforeLaunchContext context, string installCommand, string[] installArgs)
    {
        var name = context.Resource.Name;
        var directory = context.Resource.WorkingDirectory;
        var packageJson = Path.Combine(directory, "package.json");
        if (!File.Exists(packageJson))
        {
            throw new DistributedApplicationException($"'{name}' installs its npm packages before it starts, but {packageJson} does not exist: add it, or call WithNpm(install: false).");
        }

        if (!HasDependencies(name, packageJson))
        {
            context.Log("[nuzantara] package.json declares no dependencies: nothing to install", false);
            return;
        }

        var npm = CommandLocator.Find("npm")
            ?? throw new DistributedApplicationException($"'{name}' installs its packages with npm, which is not installed: apt-get install npm.");
        var result = await CommandRunner.RunAsync(npm, [installCommand, .. OfflineFriendlyArgs, .. installArgs], context.CancellationToken,
            context.Environment, line => context.Log(line, false), directory, inheritEnvironment: false).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"'{name}' could not install its npm packages: 'npm {installCommand}' in {directory} exited with code {result.ExitCode} ({Reason(result.Output)}). {Fix}");
        }
    }

    private static bool HasDependencies(string resourceName, string packageJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && new[] { "dependencies", "devDependencies", "optionalDependencies" }.Any(section =>
                    document.RootElement.TryGetProperty(section, out var packages) && packages.ValueKind == JsonValueKind.Object && packages.EnumerateObject().Any());
        }
        catch (JsonException ex)
        {
            throw new DistributedApplicationException($"'{resourceName}' has a package.json that is not valid JSON ({packageJson}): {ex.Message}", ex);
        }
    }

    /// <summary>npm's error code and message, without its stack trace, the error object's fields and the pointer to its debug log.</summary>
    private static string Reason(string output)
    {
        string[] noise = ["syscall ", "errno ", "at ", "}", "If you are behind a proxy", "A complete log of this run"];
        // npm 10 writes "npm error", Debian bookworm's npm 9 "npm ERR!".
        string[] prefixes = ["npm error ", "npm ERR! "];
        var errors = output.Split('\n')
            .Select(line => prefixes.FirstOrDefault(p => line.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? line[prefix.Length..].TrimEnd() : string.Empty)
            .Where(line => line.Length > 0 && !char.IsWhiteSpace(line[0]) && !noise.Any(n => line.StartsWith(n, StringComparison.Ordinal)))
            .Distinct()
            .Take(3)
            .ToList();
        return errors.Count > 0 ? string.Join("; ", errors) : "npm printed no error";
    }
}
