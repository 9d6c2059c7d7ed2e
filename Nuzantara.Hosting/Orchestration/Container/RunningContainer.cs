using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// A started container: its output followed into the resource's log, its exit awaited through the engine. Once it
/// has exited (and its last lines are logged) the container is removed, unless it is persistent (the next start
/// reuses it); its named volumes stay. A persistent one is let go, still running, when the AppHost stops.
/// </summary>
internal sealed class RunningContainer : IPersistentRunningResource
{
    /// <summary>How long the exit waits for the log stream to deliver the container's last lines.</summary>
    private static readonly TimeSpan LogDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly IDockerClient _docker;
    private readonly string _id;
    private readonly string _resourceName;
    private readonly bool _isPersistent;
    private readonly ResourceLoggerService _logs;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopFollowing = new();
    private readonly CancellationTokenSource _release = new();
    private readonly Task _following;

    public RunningContainer(IDockerClient docker, string id, string resourceName, bool isPersistent, ResourceLoggerService logs, ILogger logger)
    {
        _docker = docker;
        _id = id;
        _resourceName = resourceName;
        _isPersistent = isPersistent;
        _logs = logs;
        _logger = logger;
        _following = FollowLogsAsync();
        Exited = WaitAsync();
    }

    public string ContainerId => _id;

    /// <summary>A container's processes live in the engine's namespaces; the AppHost does not signal them itself.</summary>
    public int? ProcessId => null;

    public Task<int> Exited { get; }

    public bool OutlivesAppHost => _isPersistent;

    /// <summary>Stops following the container, leaving it running for the next run to reuse; <see cref="Exited"/> then completes with 0.</summary>
    public async Task ReleaseAsync()
    {
        await _release.CancelAsync().ConfigureAwait(false);
        await Exited.ConfigureAwait(false);
    }

    /// <summary>The engine sends the image's stop signal, then SIGKILL after <paramref name="gracePeriod"/> (rounded up to whole seconds).</summary>
    public async Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        try
        {
            var seconds = (uint)Math.Max(0, Math.Ceiling(gracePeriod.TotalSeconds));
            await _docker.Containers.StopContainerAsync(_id, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Stopping container {Container} of {Resource} failed; killing it", _id[..Math.Min(12, _id.Length)], _resourceName);
            try
            {
                await _docker.Containers.KillContainerAsync(_id, new ContainerKillParameters(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception killError) when (killError is not OperationCanceledException)
            {
                _logger.LogWarning(killError, "Killing container {Container} of {Resource} failed", _id[..Math.Min(12, _id.Length)], _resourceName);
            }
        }

        await Exited.ConfigureAwait(false);
    }

    private async Task FollowLogsAsync()
    {
        try
        {
            using var stream = await _docker.Containers.GetContainerLogsAsync(_id, tty: false,
                new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, _stopFollowing.Token).ConfigureAwait(false);
            await ContainerLogReader.CopyLinesAsync(stream, _resourceName, _logs, _stopFollowing.Token).ConfigureAwait(false);
        }
        catch (Exception) when (_stopFollowing.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logs.Write(_resourceName, $"[nuzantara] the container's log stream broke: {ex.Message}", isError: true);
        }
    }

    private async Task<int> WaitAsync()
    {
        int exitCode;
        try
        {
            var response = await _docker.Containers.WaitContainerAsync(_id, _release.Token).ConfigureAwait(false);
            exitCode = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (_release.IsCancellationRequested)
        {
            await _stopFollowing.CancelAsync().ConfigureAwait(false);
            await _following.ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            _logs.Write(_resourceName, $"[nuzantara] lost track of the container (it was removed, or the engine went away): {ex.Message}", isError: true);
            exitCode = -1;
        }

        // The log stream ends with the container; give it a moment to deliver the last lines, which say why it stopped.
        if (await Task.WhenAny(_following, Task.Delay(LogDrainTimeout)).ConfigureAwait(false) != _following)
        {
            await _stopFollowing.CancelAsync().ConfigureAwait(false);
        }

        await _following.ConfigureAwait(false);
        _stopFollowing.Dispose();
        if (_isPersistent)
        {
            // Kept, stopped: the next start of the resource starts it again rather than creating another.
            return exitCode;
        }

        try
        {
            await _docker.Containers.RemoveContainerAsync(_id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Removed already, or the engine is gone: the next start removes it by its label.
            _logger.LogDebug(ex, "Removing the exited container of {Resource} failed", _resourceName);
        }

        return exitCode;
    }
}
