using Aspire.Hosting.Eventing;

namespace Nuzantara.Hosting.Tests.Eventing;

/// <summary>Subscriptions by event type, scoped to a resource or not, and removable.</summary>
public sealed class DistributedApplicationEventingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unsubscribed_handler_receives_nothing_more_while_other_subscribers_still_do()
    {
        IDistributedApplicationEventing eventing = new DistributedApplicationEventing();
        var received = new List<string>();
        var first = eventing.Subscribe<SomethingHappened>((e, _) => Record(received, $"first:{e.What}"));
        eventing.Subscribe<SomethingHappened>((e, _) => Record(received, $"second:{e.What}"));

        await eventing.PublishAsync(new SomethingHappened("one"), Token);
        eventing.Unsubscribe(first);
        await eventing.PublishAsync(new SomethingHappened("two"), Token);

        Assert.Equal(["first:one", "second:one", "second:two"], received);
    }

    [Fact]
    public async Task A_resource_subscription_hears_only_about_its_resource_and_a_global_one_about_all()
    {
        IDistributedApplicationEventing eventing = new DistributedApplicationEventing();
        var api = new ExecutableResource("api", "sleep", ".");
        var worker = new ExecutableResource("worker", "sleep", ".");
        var received = new List<string>();
        eventing.Subscribe<ResourceReadyEvent>(api, (e, _) => Record(received, $"api-only:{e.Resource.Name}"));
        eventing.Subscribe<ResourceReadyEvent>((e, _) => Record(received, $"all:{e.Resource.Name}"));

        await eventing.PublishAsync(new ResourceReadyEvent(worker, EmptyServices.Instance), Token);
        await eventing.PublishAsync(new ResourceReadyEvent(api, EmptyServices.Instance), Token);

        Assert.Equal(["all:worker", "api-only:api", "all:api"], received);
    }

    [Fact]
    public async Task A_blocking_publish_fails_with_the_subscriber_and_a_non_blocking_one_returns_before_it_finishes()
    {
        IDistributedApplicationEventing eventing = new DistributedApplicationEventing();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = eventing.Subscribe<SomethingHappened>((_, _) => throw new InvalidOperationException("subscriber failed"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => eventing.PublishAsync(new SomethingHappened("x"), Token));
        Assert.Equal("subscriber failed", error.Message);

        eventing.Unsubscribe(subscription);
        eventing.Subscribe<SomethingHappened>(async (_, _) =>
        {
            await release.Task;
            finished.SetResult();
        });
        await eventing.PublishAsync(new SomethingHappened("y"), EventDispatchBehavior.NonBlockingSequential, Token);
        Assert.False(finished.Task.IsCompleted);
        release.SetResult();
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(5), Token);
    }

    private static Task Record(List<string> received, string entry)
    {
        received.Add(entry);
        return Task.CompletedTask;
    }

    private sealed record SomethingHappened(string What) : IDistributedApplicationEvent;

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
