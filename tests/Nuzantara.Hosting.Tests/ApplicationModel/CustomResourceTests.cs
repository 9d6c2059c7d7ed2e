using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>
/// Custom resources as Aspire's custom-resources sample writes them: no runtime runs them, WithInitialState publishes
/// their first snapshot and their own code (OnInitializeResource, PublishUpdateAsync) moves them on.
/// </summary>
public sealed class CustomResourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_initial_state_is_published_then_the_resources_code_runs_it_and_what_waits_for_it_starts()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = builder.AddResource(new ClockResource("clock"))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Talking Clock",
                CreationTimeStamp = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                State = "Starting",
                Properties = [new("P1", "P2"), new(CustomResourceKnownProperties.Source, "Custom"), new("token", "s3cret") { IsSensitive = true }],
            })
            .ExcludeFromManifest()
            .OnInitializeResource(async (resource, e, ct) =>
            {
                await go.Task.WaitAsync(ct);
                e.Logger.LogInformation("Starting {Clock}", resource.Name);
                await e.Notifications.PublishUpdateAsync(resource, s => s with
                {
                    State = new ResourceStateSnapshot(KnownResourceStates.Running, KnownResourceStateStyles.Success),
                    StartTimeStamp = new DateTime(2026, 1, 2, 3, 4, 6, DateTimeKind.Utc),
                    Properties = [.. s.Properties, new("Interval", 5)],
                });
            });
        builder.AddExecutable("after", "sleep", ".", "300").WaitFor(clock);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token).WaitAsync(Timeout, Token);

        var initial = app.ResourceNotifications.GetSnapshot("clock")!;
        Assert.Equal(("clock", "Talking Clock", "Starting"), (initial.Name, initial.ResourceType, initial.State?.Text));
        Assert.Null(initial.StateReason);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), initial.CreationTimeStamp);
        Assert.Equal(["P1=P2", "resource.source=Custom", "token=s3cret"], initial.Properties.Select(p => $"{p.Name}={p.Value}"));
        // Its runner publishes Waiting once it has started, which StartAsync does not wait for.
        await app.ResourceNotifications.WaitForResourceAsync("after", KnownResourceStates.Waiting, Token).WaitAsync(Timeout, Token);

        go.SetResult();
        var running = (await app.ResourceNotifications.WaitForResourceHealthyAsync("clock", Token).WaitAsync(Timeout, Token)).Snapshot;
        Assert.Equal(KnownResourceStateStyles.Success, running.State?.Style);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero), running.StartedAt);
        Assert.Equal("Talking Clock", running.ResourceType);
        Assert.Contains(running.Properties, p => p.Name == "Interval" && Equals(p.Value, 5));
        Assert.Contains("Starting clock", app.Services.GetRequiredService<ResourceLoggerService>().GetLines("clock").Select(l => l.Text));
        await app.ResourceNotifications.WaitForResourceAsync("after", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);
    }

    [Fact]
    public async Task Its_health_checks_decide_its_health_once_its_code_says_it_runs()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var calls = 0;
        builder.Services.AddHealthChecks()
            .AddCheck("healthy_after_first_run", () => Interlocked.Increment(ref calls) == 1 ? HealthCheckResult.Unhealthy("Initial failure state.") : HealthCheckResult.Healthy())
            .AddCheck("always_unhealthy", () => HealthCheckResult.Unhealthy("I can't do that, Dave."));
        var recovering = builder.AddResource(new ClockResource("recovering")).WithHealthCheck("healthy_after_first_run")
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "Test Resource", State = "Starting", Properties = [] });
        var broken = builder.AddResource(new ClockResource("broken")).WithHealthCheck("always_unhealthy")
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "Test Resource", State = "Starting", Properties = [] });
        builder.Eventing.Subscribe<BeforeStartEvent>(async (e, _) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var resource in e.Model.Resources.OfType<ClockResource>())
            {
                await notifications.PublishUpdateAsync(resource, s => s with { State = new("Running", "success") });
            }
        });
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token).WaitAsync(Timeout, Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("recovering", Token).WaitAsync(Timeout, Token);
        Assert.True(calls >= 2);
        var unhealthy = await Eventually.ReadAsync(
            () => Task.FromResult(app.ResourceNotifications.GetSnapshot("broken")!),
            s => s.HealthStatus == HealthStatus.Unhealthy,
            Timeout,
            s => $"broken is {s.State?.Text}, health {s.HealthStatus}");
        Assert.Equal("I can't do that, Dave.", unhealthy.StateReason);
        Assert.False(unhealthy.IsHealthy);
    }

    [Fact]
    public async Task The_initialize_events_token_is_cancelled_when_the_application_stops()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var looping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.AddResource(new ClockResource("ticker"))
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "Ticker", Properties = [] })
            .OnInitializeResource(async (_, _, ct) =>
            {
                looping.SetResult();
                try
                {
                    await Task.Delay(System.Threading.Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    ended.SetResult();
                }
            });
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token).WaitAsync(Timeout, Token);
        await looping.Task.WaitAsync(Timeout, Token);

        await app.StopAsync(Token).WaitAsync(Timeout, Token);

        await ended.Task.WaitAsync(Timeout, Token);
    }

    [Fact]
    public async Task WithInitialState_replaces_an_earlier_one_and_a_published_snapshot_keeps_the_resources_name()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var clock = builder.AddResource(new ClockResource("clock"))
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "First", Properties = [] })
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "Second", Properties = [] });
        var notifications = new ResourceNotificationService();

        await notifications.PublishUpdateAsync(clock.Resource, _ => new CustomResourceSnapshot { ResourceType = "Clock", StopTimeStamp = new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc) });

        Assert.Equal("Second", Assert.Single(clock.Resource.OfAnnotation<ResourceSnapshotAnnotation>()).InitialSnapshot.ResourceType);
        var snapshot = notifications.GetSnapshot("clock")!;
        Assert.Equal("clock", snapshot.Name);
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero), snapshot.StoppedAt);
    }

    private sealed class ClockResource(string name) : Resource(name);
}
