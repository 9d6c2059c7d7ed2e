namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>WatchAsync(resource): the buffered lines first, then new ones of that resource only, numbered per resource.</summary>
public sealed class ResourceLoggerServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watching_a_resource_yields_its_backlog_then_its_new_lines_and_ends_when_the_service_is_disposed()
    {
        var logs = new ResourceLoggerService();
        logs.Write("api", "listening", isError: false);
        logs.Write("worker", "other resource", isError: false);
        logs.Write("api", "warning: slow start", isError: true);

        await using var watch = logs.WatchAsync(new ExecutableResource("api", "sleep", ".")).GetAsyncEnumerator(Token);

        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
        Assert.Equal([new LogLine(1, "listening", false), new LogLine(2, "warning: slow start", true)], watch.Current);

        logs.Write("worker", "still other", isError: false);
        logs.Write("api", "ready", isError: false);
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
        Assert.Equal([new LogLine(3, "ready", false)], watch.Current);

        logs.Dispose();
        Assert.False(await watch.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
    }

    [Fact]
    public async Task Watching_by_name_can_be_cancelled_while_no_line_comes()
    {
        var logs = new ResourceLoggerService();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await using var watch = logs.WatchAsync("quiet").GetAsyncEnumerator(cancellation.Token);

        var next = watch.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Timeout, Token));
    }
}
