using System.Diagnostics;

namespace Nuzantara.Reliability.Tests;

/// <summary>
/// The AppHost published with each publisher, as a user runs it (<c>dotnet Nuzantara.AppHost.dll --publisher …</c>),
/// with the secrets store of a stack that has run: what a user would commit or ship must hold none of its values.
/// </summary>
public static class PublishedOutputs
{
    public static readonly string[] Publishers = ["manifest", "docker-compose", "kubernetes"];

    /// <summary>Every file each publisher wrote under <paramref name="root"/>, as (path, content).</summary>
    public static async Task<IReadOnlyList<(string Path, string Content)>> PublishAllAsync(string root, string secretsPath, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Publishers.Select(publisher => PublishAsync(publisher, Path.Combine(root, publisher), secretsPath, Path.Combine(root, "state-" + publisher), cancellationToken)));
        return [.. Publishers.SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, p), "*", SearchOption.AllDirectories)).Select(f => (f, File.ReadAllText(f)))];
    }

    private static async Task PublishAsync(string publisher, string output, string secretsPath, string stateDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { new Projects.Nuzantara_AppHost().TargetPath, "--publisher", publisher, "--output-path", output,
                     "--Nuzantara:SecretsPath", secretsPath, "--Nuzantara:StateDirectory", stateDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"--publisher {publisher} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
