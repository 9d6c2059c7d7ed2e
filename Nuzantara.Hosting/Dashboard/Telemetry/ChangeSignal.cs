namespace Nuzantara.Hosting.Dashboard.Telemetry;

/// <summary>
/// "Something changed" for any number of waiters, as a version counter plus a signal rather than a channel of items:
/// <see cref="Notify"/> never blocks or allocates per waiter, so OTLP ingestion is not held up by a slow dashboard
/// page, and a waiter that missed several changes simply sees a newer version and reads the current state once.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Notify()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Waits until the version differs from <paramref name="seen"/>, the timeout passes or the token is cancelled, and
    /// returns the version then. Never throws: the caller checks its token.
    /// </summary>
    public async Task<long> WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The signal is read before the version: a Notify in between changes the version, one after completes this signal.
        var next = Volatile.Read(ref _next);
        if (Version == seen)
        {
            await next.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return Version;
    }
}
