using Aspire.Hosting.Eventing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Tests.Orchestration.FakeTime;

/// <summary>
/// The runner's timing, on fake time with a fake launcher: restart backoff, health probe intervals and a clean exit,
/// without a process or a real second passing.
/// </summary>
public sealed class ResourceRunnerTimeTests : IAsyncDisposable
{
    private const string ResourceName = "worker";

    private readonly RecordingTimeProvider _time = new();
    private readonly FakeLauncher _launcher = new();
    private readonly ResourceNotificationService _notifications = new();
    private readonly TestResource _resource = new(ResourceName);
    private readonly ServiceProvider _services;
    private volatile bool _healthy;
    private int _probes;

    public ResourceRunnerTimeTests()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        services.AddHealthChecks().AddCheck("probe", () =>
        {
            Interlocked.Increment(ref _probes);
            return _healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not yet");
        });
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_crashing_resource_is_restarted_after_1_2_4_seconds_up_to_30_and_after_a_stable_run_again_after_1()
    {
        var runner = CreateRunner();
        runner.Start();
        var run = await _launcher.NextLaunchAsync();

        foreach (var seconds in new[] { 1, 2, 4, 8, 16, 30, 30 })
        {
            run.Exit(1);
            var backoff = TimeSpan.FromSeconds(seconds);
            Assert.Equal(backoff, await _time.NextTimerAsync());
            Assert.Equal(KnownResourceStates.Exited, _notifications.GetSnapshot(ResourceName)?.State?.Text);

            _time.Advance(backoff - TimeSpan.FromMilliseconds(1));
            Assert.False(_launcher.HasPendingLaunch, $"restarted before its {seconds} s backoff was over");
            _time.Advance(TimeSpan.FromMilliseconds(1));
            run = await _launcher.NextLaunchAsync();
        }

        // Up for longer than a minute: the next crash is treated as a first one.
        _time.Advance(TimeSpan.FromSeconds(61));
        run.Exit(1);
        Assert.Equal(TimeSpan.FromSeconds(1), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromSeconds(1));
        await _launcher.NextLaunchAsync();

        await runner.StopAsync();
        Assert.Equal(9, _launcher.LaunchCount);
        Assert.Equal(8, _notifications.GetSnapshot(ResourceName)?.RestartCount);
    }

    [Fact]
    public async Task Health_is_probed_every_50_ms_for_30_s_then_every_200_ms_while_unhealthy_and_every_5_s_once_healthy()
    {
        _resource.Annotations.Add(new HealthCheckAnnotation("probe"));
        var runner = CreateRunner();
        runner.Start();
        await _launcher.NextLaunchAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(50), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(50), await _time.NextTimerAsync());
        Assert.Equal(HealthStatus.Unhealthy, _notifications.GetSnapshot(ResourceName)?.HealthStatus);

        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(200), await _time.NextTimerAsync());
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(200), await _time.NextTimerAsync());

        _healthy = true;
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());
        Assert.Equal(HealthStatus.Healthy, _notifications.GetSnapshot(ResourceName)?.HealthStatus);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), await _time.NextTimerAsync());

        await runner.StopAsync();
        Assert.Equal(6, _probes);
    }

    [Fact]
    public async Task A_resource_that_exits_with_0_is_Finished_and_not_restarted()
    {
        var runner = CreateRunner();
        runner.Start();
        var run = await _launcher.NextLaunchAsync();

        run.Exit(0);
        var finished = await _notifications.WaitForResourceAsync(ResourceName, e => e.Snapshot.IsTerminal, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await runner.StopAsync();

        Assert.Equal(KnownResourceStates.Finished, finished.Snapshot.State?.Text);
        Assert.Equal(0, finished.Snapshot.ExitCode);
        Assert.Equal(KnownResourceStates.Finished, _notifications.GetSnapshot(ResourceName)?.State?.Text);
        Assert.False(_time.TimerWasSet, "a restart was scheduled");
        Assert.Equal(1, _launcher.LaunchCount);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private ResourceRunner CreateRunner()
    {
        var options = new HostingOptions();
        var executionContext = _services.GetRequiredService<DistributedApplicationExecutionContext>();
        return new ResourceRunner(
            _resource,
            [],
            _launcher,
            new LaunchSpecResolver(options, executionContext, new OtlpSettings("test-key", "test")),
            _notifications,
            _services.GetRequiredService<HealthCheckService>(),
            new DistributedApplicationEventing(),
            _services,
            options,
            _time,
            NullLogger.Instance);
    }

    private sealed class TestResource(string name) : Resource(name);
}
