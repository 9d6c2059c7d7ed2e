using Microsoft.Extensions.Configuration;
using Nuzantara.Hosting.Secrets;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

public sealed class ParameterStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nuzantara-secrets-").FullName;

    [Fact]
    public void A_generated_secret_is_created_once_kept_private_and_reused()
    {
        var options = new HostingOptions { SecretsPath = Path.Combine(_directory, "app", "secrets.json") };
        var first = new ParameterResource("redis-password", secret: true, new GenerateParameterDefault());
        var second = new ParameterResource("redis-password", secret: true, new GenerateParameterDefault());

        new ParameterStore(options, new ConfigurationBuilder().Build()).Resolve([first]);
        new ParameterStore(options, new ConfigurationBuilder().Build()).Resolve([second]);

        Assert.Equal(first.Value, second.Value);
        Assert.Matches("^[A-Za-z0-9]{22}$", first.Value);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.SecretsPath));
    }

    [Fact]
    public void A_configured_value_wins_over_the_store()
    {
        var options = new HostingOptions { SecretsPath = Path.Combine(_directory, "secrets.json") };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Parameters:redis-password"] = "from-config" }).Build();
        var parameter = new ParameterResource("redis-password", secret: true, new GenerateParameterDefault());

        new ParameterStore(options, configuration).Resolve([parameter]);

        Assert.Equal("from-config", parameter.Value);
        Assert.False(File.Exists(options.SecretsPath));
    }

    [Fact]
    public void A_parameter_without_value_or_generator_names_the_setting_to_add()
    {
        var options = new HostingOptions { SecretsPath = Path.Combine(_directory, "secrets.json") };
        var parameter = new ParameterResource("slack-webhook", secret: false);

        var error = Assert.Throws<DistributedApplicationException>(() => new ParameterStore(options, new ConfigurationBuilder().Build()).Resolve([parameter]));

        Assert.Contains("Parameters:slack-webhook", error.Message);
        Assert.Contains("Parameters__slack-webhook", error.Message);
    }

    [Fact]
    public void A_missing_value_error_carries_the_parameters_description()
    {
        var options = new HostingOptions { SecretsPath = Path.Combine(_directory, "secrets.json") };
        var parameter = new ParameterResource("slack-webhook", secret: true) { Description = "The Slack incoming-webhook URL alerts are posted to" };

        var error = Assert.Throws<DistributedApplicationException>(() => new ParameterStore(options, new ConfigurationBuilder().Build()).Resolve([parameter]));

        Assert.Contains("Parameter 'slack-webhook' has no value (The Slack incoming-webhook URL alerts are posted to).", error.Message);
        Assert.Contains("Parameters:slack-webhook", error.Message);
    }

    [Fact]
    public void The_default_store_is_outside_the_repository_under_the_users_config_folder()
    {
        var path = ParameterStore.DefaultPath("/work/main/Nuzantara.AppHost");

        Assert.StartsWith(Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "nuzantara"), path);
        Assert.DoesNotContain("/work/main/", path);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
