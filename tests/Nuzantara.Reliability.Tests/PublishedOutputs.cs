namespace Nuzantara.Reliability.Tests;

/// <summary>
/// The AppHost published with each publisher, as a user runs it (<c>dotnet Nuzantara.AppHost.dll --publisher …</c>),
/// with the secrets store of a stack that has run: what a user would commit or ship must hold none of its values.
/// </summary>
public static class PublishedOutputs
{
    /// <summary>Every file each publisher wrote under <paramref name="root"/>, as (path, content).</summary>
    public static async Task<IReadOnlyList<(string Path, string Content)>> PublishAllAsync(string root, string secretsPath)
    {
        await Task.WhenAll(AppHostProcess.Publishers.Select(publisher => AppHostProcess.PublishAsync(publisher, Path.Combine(root, publisher), new Dictionary<string, string>(),
            "--Nuzantara:SecretsPath", secretsPath, "--Nuzantara:StateDirectory", Path.Combine(root, "state-" + publisher))));
        return [.. AppHostProcess.Publishers.SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, p), "*", SearchOption.AllDirectories)).Select(f => (f, File.ReadAllText(f)))];
    }
}
