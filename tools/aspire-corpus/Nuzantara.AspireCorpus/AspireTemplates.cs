namespace Nuzantara.AspireCorpus;

/// <summary>
/// Writes Aspire's own project templates out as a user gets them from <c>dotnet new</c>: the templates package
/// (Aspire.ProjectTemplates, restored from NuGet) is installed into a private template hive, so the user's own
/// templates are neither read nor changed, and each instance goes to its own folder.
/// </summary>
public static class AspireTemplates
{
    /// <summary>One <c>dotnet new</c> call: a template's short name, the project name (also its folder) and options.</summary>
    public sealed record Instance(string Template, string Name, params string[] Options);

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task InstantiateAsync(string package, string output, IEnumerable<Instance> instances, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(package))
        {
            throw new FileNotFoundException($"The templates package '{package}' does not exist: restore the project that downloads Aspire.ProjectTemplates first.", package);
        }

        var hive = Path.Combine(output, ".template-hive");
        await DotnetNewAsync(["install", package, "--debug:custom-hive", hive], output, cancellationToken);
        foreach (var instance in instances)
        {
            await DotnetNewAsync(
                [instance.Template, "--name", instance.Name, "--output", Path.Combine(output, instance.Name), "--no-update-check", .. instance.Options, "--debug:custom-hive", hive],
                output,
                cancellationToken);
        }

        Directory.Delete(hive, recursive: true);
    }

    private static async Task DotnetNewAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workingDirectory);
        var run = await ProcessRunner.RunAsync("dotnet", ["new", .. arguments], workingDirectory, Timeout, cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet new {string.Join(' ', arguments)}' failed (exit code {run.ExitCode}): {run.Output}");
        }
    }
}
