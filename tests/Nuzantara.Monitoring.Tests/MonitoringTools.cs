using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Provisioning;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// promtool and amtool, from the Debian packages the engine installs for Prometheus and Alertmanager (the same
/// provisioner, so the tests check the rules with the Prometheus that runs them), and the AppHost's monitoring folder.
/// </summary>
internal static class MonitoringTools
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    public static string MonitoringDirectory { get; } = Path.Combine(Path.GetDirectoryName(new Projects.Nuzantara_AppHost().ProjectPath)!, "monitoring");

    public static string RulesDirectory => Path.Combine(MonitoringDirectory, "rules");

    /// <summary>promtool unit tests of the rules, beside the rules folder rather than in it: that folder is deployed as is.</summary>
    public static string RuleTestsDirectory => Path.Combine(MonitoringDirectory, "rule-tests");

    public static async Task<CommandRunner.Result> PromtoolAsync(CancellationToken cancellationToken, params string[] args) =>
        await RunAsync("promtool", args, cancellationToken);

    public static async Task<CommandRunner.Result> AmtoolAsync(CancellationToken cancellationToken, params string[] args) =>
        await RunAsync("amtool", args, cancellationToken);

    /// <summary>Installs Debian's prometheus and prometheus-alertmanager if needed, for tests that run them directly.</summary>
    public static Task EnsureAlertmanagerAsync(CancellationToken cancellationToken) => EnsureInstalledAsync(cancellationToken);

    private static async Task<CommandRunner.Result> RunAsync(string tool, string[] args, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        return await CommandRunner.RunAsync(tool, args, cancellationToken);
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_installed)
            {
                return;
            }

            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.AddPrometheus("prometheus");
            builder.AddAlertmanager("alertmanager");
            var provisioner = new NativeBinaryProvisioner(new HostingOptions(), NullLogger<NativeBinaryProvisioner>.Instance);
            await provisioner.EnsureInstalledAsync(builder.Resources, _ => { }, cancellationToken);
            _installed = true;
        }
        finally
        {
            Gate.Release();
        }
    }
}
