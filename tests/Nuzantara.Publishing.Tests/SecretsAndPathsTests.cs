using System.Text.RegularExpressions;

namespace Nuzantara.Publishing.Tests;

public sealed class SecretsAndPathsTests(PublishedOutputs outputs)
{
    public static TheoryData<string> Publishers => [.. AppHostProcess.Publishers];

    [Theory]
    [MemberData(nameof(Publishers))]
    public void No_generated_file_contains_a_secret_from_the_secrets_store(string publisher)
    {
        Assert.Equal(2, outputs.SecretValues.Count);
        foreach (var (path, content) in outputs.FilesOf(publisher))
        {
            Assert.All(outputs.SecretValues, secret => Assert.False(content.Contains(secret, StringComparison.Ordinal), $"{publisher}/{path} contains a secret value"));
        }
    }

    [Theory]
    [MemberData(nameof(Publishers))]
    public void No_generated_file_contains_the_value_of_a_secret_setting_of_the_AppHosts_environment(string publisher)
    {
        var files = outputs.FilesOf(publisher);
        Assert.NotEmpty(files);
        foreach (var (path, content) in files)
        {
            Assert.All(outputs.SecretSettings, setting => Assert.False(content.Contains(setting.Value, StringComparison.Ordinal), $"{publisher}/{path} contains the value of {setting.Key}"));
        }
    }

    [Theory]
    [MemberData(nameof(Publishers))]
    public void No_generated_file_contains_a_path_of_the_build_machine(string publisher)
    {
        // "/" (a HOME in some CI containers) is a legitimate host mount of the exporters, not a path of this machine.
        var machinePaths = new[]
        {
            Repository.Root,
            outputs.Root,
            Path.GetTempPath().TrimEnd('/'),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile).TrimEnd('/'),
        }.Where(p => p.Length > 1).ToList();

        foreach (var (path, content) in outputs.FilesOf(publisher))
        {
            // An absolute path: not the tail of a relative one (../../work/…), nor the head of a longer name (/root vs /rootfs).
            Assert.All(machinePaths, machinePath => Assert.False(
                Regex.IsMatch(content, $@"(?<![\w.]){Regex.Escape(machinePath)}(?![\w.-])"), $"{publisher}/{path} contains {machinePath}"));
        }
    }
}
