using Microsoft.AspNetCore.Builder;

namespace Nuzantara.Hosting.Orchestration.Yarp;

/// <summary>A YARP proxy running in the AppHost: it has no process of its own, and it ends only when stopped (exit code 0).</summary>
internal sealed class RunningYarpProxy(WebApplication app) : IRunningResource
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int? ProcessId => null;

    public Task<int> Exited => _exited.Task;

    public async Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(gracePeriod);
        try
        {
            await app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            _exited.TrySetResult(0);
        }
    }
}
