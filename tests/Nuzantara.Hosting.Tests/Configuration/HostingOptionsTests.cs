using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Nuzantara.Hosting.Tests.Configuration;

/// <summary>The engine's own settings (README "Configuration"): every boolean written one way, and a bad value stops the start saying what to write.</summary>
public sealed class HostingOptionsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public async Task A_boolean_setting_takes_true_false_1_and_0_in_any_case(string text, bool expected)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create($"--Nuzantara:AutoInstall={text}");
        // Over the testing harness's own "false".
        builder.Configuration["Nuzantara:EchoResourceLogs"] = text;
        await using var app = await builder.BuildAsync(Token);
        var options = app.Services.GetRequiredService<HostingOptions>();

        Assert.Equal(expected, options.AutoInstall);
        Assert.Equal(expected, options.EchoResourceLogs);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    public async Task NUZANTARA_AUTO_INSTALL_still_switches_installing_and_wins_over_the_setting(string text, bool expected)
    {
        var options = await BuiltOptionsAsync($"--Nuzantara:AutoInstall={!expected}", $"--NUZANTARA_AUTO_INSTALL={text}");

        Assert.Equal(expected, options.AutoInstall);
    }

    [Fact]
    public async Task Unset_settings_keep_their_defaults()
    {
        var options = await BuiltOptionsAsync();

        Assert.True(options.AutoInstall);
        Assert.Equal(RuntimeKind.Auto, options.Runtime);
        Assert.Equal(TimeSpan.FromMinutes(2), options.WaitTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StopGracePeriod);
        Assert.Equal("127.0.0.1", options.BindAddress);
        Assert.True(Path.IsPathRooted(options.StateDirectory));
    }

    [Fact]
    public async Task Settings_given_on_the_command_line_are_read()
    {
        var options = await BuiltOptionsAsync("--runtime", "Process", "--Nuzantara:WaitTimeout=00:00:42", "--Nuzantara:StopGracePeriod=00:00:01", "--Nuzantara:BindAddress=0.0.0.0");

        Assert.Equal(RuntimeKind.Process, options.Runtime);
        Assert.Equal(TimeSpan.FromSeconds(42), options.WaitTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.StopGracePeriod);
        Assert.Equal("0.0.0.0", options.BindAddress);
    }

    [Theory]
    [InlineData("--Nuzantara:DashboardPort=abc", "Nuzantara:DashboardPort is 'abc' (on the command line): give a port number 0-65535.")]
    [InlineData("--Nuzantara:OtlpHttpPort=70000", "Nuzantara:OtlpHttpPort is '70000' (on the command line): give a port number 0-65535.")]
    [InlineData("--Nuzantara:AutoInstall=yes", "Nuzantara:AutoInstall is 'yes' (on the command line): give true or false (or 1 or 0).")]
    [InlineData("--NUZANTARA_AUTO_INSTALL=off", "NUZANTARA_AUTO_INSTALL is 'off' (on the command line): give 1 or 0 (or true or false).")]
    [InlineData("--Nuzantara:WaitTimeout=2m", "Nuzantara:WaitTimeout is '2m' (on the command line): give a positive duration as hh:mm:ss, e.g. 00:02:00.")]
    [InlineData("--Nuzantara:StopGracePeriod=-00:00:01", "Nuzantara:StopGracePeriod is '-00:00:01' (on the command line): give a positive duration as hh:mm:ss, e.g. 00:02:00.")]
    [InlineData("--runtime=docker", "Nuzantara:Runtime is 'docker' (on the command line): give process, container or auto.")]
    public async Task A_bad_value_fails_the_start_naming_the_key_the_value_and_the_fix(string argument, string message)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create(argument);
        await using var app = await builder.BuildAsync(Token);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Token));

        Assert.Equal(message, Assert.Single(error.Failures));
    }

    [Fact]
    public async Task Every_bad_value_is_reported_at_once()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--Nuzantara:DashboardPort=abc", "--Nuzantara:OtlpGrpcPort=maybe");
        await using var app = await builder.BuildAsync(Token);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Token));

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void Every_setting_of_HostingOptions_is_read_from_its_key()
    {
        var keys = HostingSettings.All.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unread = typeof(HostingOptions).GetProperties().Where(p => p.CanWrite).Select(p => $"{HostingOptions.SectionName}:{p.Name}").Where(key => !keys.Contains(key));

        Assert.Empty(unread);
    }

    private static async Task<HostingOptions> BuiltOptionsAsync(params string[] args)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create(args);
        await using var app = await builder.BuildAsync(Token);
        return app.Services.GetRequiredService<HostingOptions>();
    }
}
