using Aspire.Hosting.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>Aspire's waits (for a state, for one of several states, for health with either wait behaviour) and the type a resource shows as.</summary>
public sealed class ResourceNotificationServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly ResourceNotificationService _notifications = new();

    private readonly ExecutableResource _worker = new("worker", "sleep", ".");

    [Fact]
    public async Task Waiting_for_several_states_returns_the_one_reached_and_events_carry_the_resource()
    {
        var waiting = _notifications.WaitForResourceAsync("worker", [KnownResourceStates.Running, KnownResourceStates.FailedToStart], Token);
        await _notifications.PublishUpdateAsync(_worker, s => s with { State = KnownResourceStates.Starting });
        Assert.False(waiting.IsCompleted);

        await _notifications.PublishUpdateAsync(_worker, s => s with { State = KnownResourceStates.FailedToStart });

        Assert.Equal(KnownResourceStates.FailedToStart, await waiting.WaitAsync(Timeout, Token));
        Assert.True(_notifications.TryGetCurrentState("worker", out var current));
        Assert.Same(_worker, current.Resource);
        Assert.Equal("worker", current.ResourceId);
        Assert.Equal(KnownResourceStates.FailedToStart, current.Snapshot.State?.Text);
    }

    [Fact]
    public async Task Waiting_for_a_state_without_naming_one_waits_for_Running()
    {
        var waiting = _notifications.WaitForResourceAsync("worker", targetState: null, Token);
        await _notifications.PublishUpdateAsync(_worker, s => s with { State = KnownResourceStates.Starting });
        Assert.False(waiting.IsCompleted);

        await _notifications.PublishUpdateAsync(_worker, s => s with { State = KnownResourceStates.Running });

        Assert.Equal(KnownResourceStates.Running, (await waiting.WaitAsync(Timeout, Token)).Snapshot.State?.Text);
    }

    [Fact]
    public async Task StopOnResourceUnavailable_fails_when_the_start_fails()
    {
        var waiting = _notifications.WaitForResourceHealthyAsync("worker", WaitBehavior.StopOnResourceUnavailable, Token);

        await _notifications.PublishUpdateAsync(_worker, s => s with { State = KnownResourceStates.FailedToStart, StateReason = "no such command" });

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => waiting.WaitAsync(Timeout, Token));
        Assert.Equal("Resource 'worker' will not become healthy: it is FailedToStart. no such command", error.Message);
    }

    [Fact]
    public async Task WaitOnResourceUnavailable_waits_through_a_failure_until_the_resource_is_healthy()
    {
        var waiting = _notifications.WaitForResourceHealthyAsync("worker", WaitBehavior.WaitOnResourceUnavailable, Token);
        await _notifications.PublishUpdateAsync(_worker, s => s with { State = KnownResourceStates.FailedToStart });
        Assert.False(waiting.IsCompleted);

        await _notifications.PublishUpdateAsync(_worker, s => s with { State = KnownResourceStates.Running, HealthStatus = HealthStatus.Healthy });

        var healthy = await waiting.WaitAsync(Timeout, Token);
        Assert.Equal(HealthStatus.Healthy, healthy.Snapshot.HealthStatus);
    }

    [Fact]
    public async Task A_resource_shows_as_its_kind_and_an_integrations_resource_as_its_own_type()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var resources = new IResource[]
        {
            builder.AddProject<FakeProject>("api").Resource,
            builder.AddExecutable("tool", "tool", "/nonexistent").Resource,
            builder.AddContainer("box", "busybox").Resource,
            builder.AddParameter("secret", secret: true).Resource,
            builder.AddRedis("cache").Resource,
            builder.AddPythonApp("ranker", "/nonexistent", "main.py").Resource,
            builder.AddNodeApp("web", "/nonexistent", "server.js").Resource,
        };

        Assert.Equal(["Project", "Executable", "Container", "Parameter", "Redis", "PythonApp", "NodeApp"], resources.Select(ResourceNotificationService.ResourceTypeName));
    }
}
