using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>WaitForStart and WaitBehavior with real processes: a dependency that runs but is never healthy, and one that cannot start.</summary>
public sealed class WaitForStartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitForStart_starts_once_the_dependency_runs_while_WaitFor_still_waits_for_it_to_be_healthy()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        // sleep listens on nothing: it runs, and its health check never passes.
        var never = builder.AddExecutable("never-healthy", "sleep", ".", "300").WithHttpEndpoint().WithHttpHealthCheck("/health");
        builder.AddExecutable("starter", "sleep", ".", "300").WaitForStart(never);
        builder.AddExecutable("healthy-waiter", "sleep", ".", "300").WaitFor(never);
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceAsync("starter", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);

        Assert.Equal(KnownResourceStates.Running, app.ResourceNotifications.GetSnapshot("never-healthy")?.State?.Text);
        Assert.False(app.ResourceNotifications.GetSnapshot("never-healthy")?.IsHealthy);
        Assert.Equal(KnownResourceStates.Waiting, app.ResourceNotifications.GetSnapshot("healthy-waiter")?.State?.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StopOnResourceUnavailable_fails_the_waiting_resource_naming_the_dependency_that_failed_to_start(bool waitForStart)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var bad = builder.AddExecutable("bad", "nuzantara-no-such-command", ".");
        var worker = builder.AddExecutable("worker", "sleep", ".", "300");
        _ = waitForStart ? worker.WaitForStart(bad, WaitBehavior.StopOnResourceUnavailable) : worker.WaitFor(bad, WaitBehavior.StopOnResourceUnavailable);
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        var failed = await app.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);

        Assert.Contains("'bad'", failed.Snapshot.StateReason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WaitOnResourceUnavailable_keeps_waiting_after_the_dependency_failed_to_start(bool waitForStart)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var bad = builder.AddExecutable("bad", "nuzantara-no-such-command", ".");
        var worker = builder.AddExecutable("worker", "sleep", ".", "300");
        _ = waitForStart ? worker.WaitForStart(bad, WaitBehavior.WaitOnResourceUnavailable) : worker.WaitFor(bad, WaitBehavior.WaitOnResourceUnavailable);
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceAsync("bad", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);
        await Task.Delay(TimeSpan.FromSeconds(1), Token);

        Assert.Equal(KnownResourceStates.Waiting, app.ResourceNotifications.GetSnapshot("worker")?.State?.Text);
    }

    [Fact]
    public async Task Compose_publishes_WaitForStart_as_service_started_even_on_a_dependency_with_a_health_check()
    {
        await using var model = PublishedModel.For("docker-compose");
        var redis = model.Builder.AddRedis("cache");
        model.Builder.AddContainer("starter", "docker.io/library/busybox", "1.37").WaitForStart(redis);
        model.Builder.AddContainer("waiter", "docker.io/library/busybox", "1.37").WaitFor(redis);

        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        var starter = compose[compose.IndexOf("  starter:", StringComparison.Ordinal)..];
        var waiter = compose[compose.IndexOf("  waiter:", StringComparison.Ordinal)..];
        Assert.Contains("condition: service_started", starter[..starter.IndexOf("networks:", StringComparison.Ordinal)]);
        Assert.Contains("condition: service_healthy", waiter[..waiter.IndexOf("networks:", StringComparison.Ordinal)]);
    }
}
