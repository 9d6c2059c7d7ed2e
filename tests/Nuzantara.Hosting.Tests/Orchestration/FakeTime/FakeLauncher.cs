using System.Threading.Channels;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Tests.Orchestration.FakeTime;

/// <summary>A launcher that starts nothing: each launch is a <see cref="FakeRunningResource"/> whose exit the test decides.</summary>
internal sealed class FakeLauncher : IResourceLauncher
{
    private readonly Channel<FakeRunningResource> _launches = Channel.CreateUnbounded<FakeRunningResource>();

    public int LaunchCount { get; private set; }

    public Task<IRunningResource> LaunchAsync(IResource resource, LaunchSpec spec, CancellationToken cancellationToken)
    {
        var started = new FakeRunningResource();
        LaunchCount++;
        _launches.Writer.TryWrite(started);
        return Task.FromResult<IRunningResource>(started);
    }

    /// <summary>The next launch; a real-time deadline keeps a broken runner from hanging the test.</summary>
    public async Task<FakeRunningResource> NextLaunchAsync() =>
        await _launches.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public bool HasPendingLaunch => _launches.Reader.TryPeek(out _);
}

internal sealed class FakeRunningResource : IRunningResource
{
    // SIGTERM's exit code, as a process stopped by the runner would report.
    private const int StoppedExitCode = 143;

    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int? ProcessId => null;

    public Task<int> Exited => _exited.Task;

    public void Exit(int exitCode) => _exited.SetResult(exitCode);

    public Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        _exited.TrySetResult(StoppedExitCode);
        return Task.CompletedTask;
    }
}
