using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// The Aspire packages an AppHost is built against to publish the reference manifest: the packages' version, and the
/// AppHost SDK's (the feed here serves Aspire.AppHost.Sdk a patch behind the packages).
/// </summary>
public sealed record RealAspireVersions(string Packages, string Sdk)
{
    /// <summary>AspireComparedVersion and AspireComparedSdkVersion of Directory.Packages.props, built into this assembly.</summary>
    public static RealAspireVersions Current { get; } = new(Metadata("AspireComparedVersion"), Metadata("AspireComparedSdkVersion"));

    private static string Metadata(string key) =>
        typeof(RealAspireVersions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"{key} is not set: it comes from Directory.Packages.props when the checker is built.");
}

/// <summary>
/// Publishes a corpus AppHost's manifest with the real Aspire packages, the reference the engine's manifest is
/// compared with. The corpus folder is copied and only the Aspire versions in its project files are changed (to ones
/// the feed serves); the CLI-bundle check of Aspire's SDK is switched off, since manifest publishing does not use it,
/// and warnings are not errors (a pinned Aspire version can make a corpus's own pins a package downgrade, NU1605).
/// </summary>
public static partial class RealAspireManifest
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The copy of the corpus folder that is built, and the manifest published from it.</summary>
    public sealed record Outcome(string CorpusCopy, string ManifestPath);

    public static async Task<Outcome> PublishAsync(
        string corpusFolder, string appHostRelativePath, string scratch, RealAspireVersions versions, CancellationToken cancellationToken = default)
    {
        var copy = Path.Combine(scratch, "real-aspire", Path.GetFileName(Path.TrimEndingDirectorySeparator(corpusFolder)));
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        ScratchCopy.Copy(corpusFolder, copy);
        foreach (var file in Directory.EnumerateFiles(copy, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f) == "Directory.Packages.props"))
        {
            await File.WriteAllTextAsync(file, PinVersions(await File.ReadAllTextAsync(file, cancellationToken), versions), cancellationToken);
        }

        var appHost = Path.Combine(copy, appHostRelativePath);
        var folder = Path.GetDirectoryName(appHost)!;
        var build = await ProcessRunner.RunAsync(
            "dotnet",
            ["build", appHost, "-nologo", "-v:q", "-p:AspireUseCliBundle=false", CompilerServer.BuildProperty, "-p:WarningsAsErrors=", "-p:TreatWarningsAsErrors=false"],
            folder,
            BuildTimeout,
            cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"{appHostRelativePath} did not build against Aspire {versions.Packages} (exit code {build.ExitCode}): {Errors(build.Output)}");
        }

        var output = Path.Combine(scratch, "real-aspire-manifests", Path.GetFileNameWithoutExtension(appHost));
        var publish = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "--no-build", "--no-launch-profile", "--project", appHost, "--", "--publisher", "manifest", "--output-path", output],
            folder,
            PublishTimeout,
            cancellationToken);
        var manifest = Path.Combine(output, "aspire-manifest.json");
        if (publish.ExitCode != 0 || !File.Exists(manifest))
        {
            throw new InvalidOperationException($"{appHostRelativePath} built against Aspire {versions.Packages} did not publish a manifest (exit code {publish.ExitCode}): {ManifestCheck.LastLines(publish.Output)}");
        }

        try
        {
            JsonNode.Parse(await File.ReadAllTextAsync(manifest, cancellationToken));
        }
        catch (JsonException ex)
        {
            // Seen with Aspire 13.6.5 on aspire-samples' JavaScript AppHost: the publisher stops mid-file and exits 0.
            throw new InvalidOperationException($"{appHostRelativePath} built against Aspire {versions.Packages} wrote an incomplete manifest ({ex.Message}): {ManifestCheck.LastLines(publish.Output)}", ex);
        }

        return new Outcome(copy, manifest);
    }

    // MSBuild repeats each error and mixes in restore warnings (NU1603 for the versions pinned): the distinct errors tell why.
    private static string Errors(string output)
    {
        var errors = output.Split('\n', StringSplitOptions.TrimEntries).Where(line => line.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(3).ToList();
        return errors.Count > 0 ? string.Join(" | ", errors) : output;
    }

    /// <summary>Sets every Aspire package version and the AppHost SDK's version in a project or central-versions file.</summary>
    public static string PinVersions(string projectFile, RealAspireVersions versions)
    {
        var pinned = SdkVersion().Replace(projectFile, $"${{sdk}}{versions.Sdk}");
        return PackageVersion().Replace(pinned, $"${{head}}{versions.Packages}\"");
    }

    [GeneratedRegex(@"(?<sdk>Aspire\.AppHost\.Sdk/)[0-9][^""\s]*")]
    private static partial Regex SdkVersion();

    [GeneratedRegex(@"(?<head>Include=""Aspire\.[^""]+""\s+Version="")[^""]*""")]
    private static partial Regex PackageVersion();
}
