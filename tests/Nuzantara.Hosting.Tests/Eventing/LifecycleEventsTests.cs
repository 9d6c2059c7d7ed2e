using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.Eventing;

/// <summary>The running application raises BeforeStartEvent and AfterResourcesCreatedEvent with its model, and each resource's started and ready events.</summary>
public sealed class LifecycleEventsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BeforeStart_carries_the_model_and_a_resource_is_reported_starting_then_ready()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var events = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) => Record(events, $"before-start:{string.Join(',', e.Model.Resources.Select(r => r.Name))}"));
        // No health check: ready as soon as it runs.
        builder.AddExecutable("worker", "sleep", ".", "300")
            .OnBeforeResourceStarted((worker, e, _) => Record(events, $"starting:{worker.Name}:{ReferenceEquals(worker, e.Resource)}"))
            .OnResourceReady((worker, _, _) =>
            {
                Record(events, $"ready:{worker.Name}");
                ready.TrySetResult();
                return Task.CompletedTask;
            });
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token).WaitAsync(Timeout, Token);
        await ready.Task.WaitAsync(Timeout, Token);

        lock (events)
        {
            Assert.Equal(["before-start:worker", "starting:worker:True", "ready:worker"], events);
        }
    }

    [Fact]
    public async Task AfterResourcesCreated_is_raised_by_the_start_with_the_model()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sleep", ".", "300");
        IReadOnlyList<string> created = [];
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((e, _) =>
        {
            created = [.. e.Model.Resources.Select(r => r.Name)];
            return Task.CompletedTask;
        });
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token).WaitAsync(Timeout, Token);

        Assert.Equal(["worker"], created);
    }

    private static Task Record(List<string> events, string entry)
    {
        lock (events)
        {
            events.Add(entry);
        }

        return Task.CompletedTask;
    }
}
