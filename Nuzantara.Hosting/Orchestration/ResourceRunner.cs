using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>
/// The life of one resource: wait for its dependencies, launch it, watch its health, restart it with backoff when it
/// dies, and stop it on request. Its state is published on every change.
/// </summary>
internal sealed class ResourceRunner(
    IResource resource,
    IReadOnlyList<IResource> children,
    IResourceLauncher launcher,
    LaunchSpecResolver specResolver,
    ResourceNotificationService notifications,
    HealthCheckService healthChecks,
    IDistributedApplicationEventing eventing,
    IServiceProvider services,
    HostingOptions options,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(60);

    // Health is probed often while a resource starts: each resource waiting for it is held up until the next probe,
    // and a probe (a refused connection, a GET of a health endpoint) costs far less than the wait it saves.
    private static readonly TimeSpan StartingProbeInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StartingPhase = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UnhealthyProbeInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan HealthyProbeInterval = TimeSpan.FromSeconds(5);

    private readonly HashSet<string> _healthCheckKeys = resource.OfAnnotation<HealthCheckAnnotation>().Select(h => h.Key).ToHashSet();
    private CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;
    private volatile bool _appHostStopping;

    public IResource Resource => resource;

    /// <summary>True while the run loop lives: waiting, starting, running or between restarts.</summary>
    public bool IsActive => !_run.IsCompleted;

    /// <summary>Starts the run loop; after a stop or a final exit it starts a fresh one (the dashboard's Start).</summary>
    public void Start()
    {
        if (IsActive)
        {
            return;
        }

        if (_stopping.IsCancellationRequested)
        {
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
        }

        var stopping = _stopping.Token;
        // PreferFairness: the thread pool's global queue, first in first out, so the AppHost's resources begin launching
        // in the order the AppHost declares them. Task.Run from a pool thread would queue on that thread's own queue,
        // last in first out: PostgreSQL, which the backend waits for, began its launch after every exporter.
        _run = Task.Factory.StartNew(() =>
        {
            // A replica's launches and health checks see the project's endpoints as its own (ReplicaScope).
            Replicas.ReplicaScope.Enter(resource);
            return RunAsync(stopping);
        }, CancellationToken.None, TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// Stops the resource (waiting for it to exit) and ends its restart loop. When the AppHost itself stops
    /// (<paramref name="appHostStopping"/>), a persistent container is left running instead.
    /// </summary>
    public async Task StopAsync(bool appHostStopping = false)
    {
        _appHostStopping = appHostStopping;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            if (!await WaitForDependenciesAsync(stopping).ConfigureAwait(false))
            {
                return;
            }

            var backoff = TimeSpan.FromSeconds(1);
            while (!stopping.IsCancellationRequested)
            {
                var started = await LaunchAsync(stopping).ConfigureAwait(false);
                if (started is null)
                {
                    return;
                }

                var startedAt = time.GetTimestamp();
                using var healthLoop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var watching = WatchHealthAsync(healthLoop.Token);
                // This loop alone stops what it started, so a stop requested mid-launch cannot miss a process.
                await Task.WhenAny(started.Exited, Task.Delay(Timeout.Infinite, stopping)).ConfigureAwait(false);
                await healthLoop.CancelAsync().ConfigureAwait(false);
                await watching.ConfigureAwait(false);
                if (stopping.IsCancellationRequested)
                {
                    await StopStartedAsync(started).ConfigureAwait(false);
                    return;
                }

                var exitCode = await started.Exited.ConfigureAwait(false);

                if (exitCode == 0)
                {
                    Publish(s => s with { State = KnownResourceStates.Finished, ExitCode = 0, StoppedAt = time.GetUtcNow(), HealthStatus = null, ProcessId = null });
                    return;
                }

                backoff = time.GetElapsedTime(startedAt) > StableRun ? TimeSpan.FromSeconds(1) : backoff;
                logger.LogWarning("{Resource} exited unexpectedly with code {ExitCode}; restarting in {Backoff} s", resource.Name, exitCode, backoff.TotalSeconds);
                Publish(s => s with { State = KnownResourceStates.Exited, ExitCode = exitCode, StoppedAt = time.GetUtcNow(), HealthStatus = null, ProcessId = null });
                await Task.Delay(backoff, time, stopping).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                Publish(s => s with { RestartCount = s.RestartCount + 1 });
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped while waiting for a dependency or between restarts: no process to stop, but the row must not
            // go on saying Waiting or Starting.
            Publish(s => s.IsTerminal ? s : s with { State = KnownResourceStates.Exited, StateReason = "stopped before it was running", HealthStatus = null, ProcessId = null, StoppedAt = time.GetUtcNow() });
        }
    }

    private async Task StopStartedAsync(IRunningResource started)
    {
        if (_appHostStopping && started is IPersistentRunningResource { OutlivesAppHost: true } persistent && !started.Exited.IsCompleted)
        {
            await persistent.ReleaseAsync().ConfigureAwait(false);
            logger.LogInformation("Leaving {Resource} running: its lifetime is persistent, and the next run reuses it", resource.Name);
            Publish(s => s with { StateReason = "left running (persistent lifetime)", HealthStatus = null });
            return;
        }

        if (!started.Exited.IsCompleted)
        {
            Publish(s => s with { State = KnownResourceStates.Stopping });
            await started.StopAsync(options.StopGracePeriod, CancellationToken.None).ConfigureAwait(false);
        }

        var exitCode = await started.Exited.ConfigureAwait(false);
        Publish(s => s with { State = KnownResourceStates.Exited, ExitCode = exitCode, StoppedAt = time.GetUtcNow(), HealthStatus = null, ProcessId = null });
    }

    private async Task<bool> WaitForDependenciesAsync(CancellationToken stopping)
    {
        var waits = resource.OfAnnotation<WaitAnnotation>().ToList();
        if (waits.Count == 0)
        {
            return true;
        }

        Publish(s => s with { State = KnownResourceStates.Waiting, StateReason = "waiting for " + string.Join(", ", waits.Select(w => w.Resource.Name)) });
        foreach (var wait in waits)
        {
            using var waitTimeout = new CancellationTokenSource(options.WaitTimeout, time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping, waitTimeout.Token);
            try
            {
                if (wait.WaitType == WaitType.WaitForCompletion)
                {
                    var done = await notifications.WaitForResourceAsync(wait.Resource.Name, e => e.Snapshot.IsTerminal, timeout.Token).ConfigureAwait(false);
                    if (done.Snapshot.State?.Text != KnownResourceStates.Finished)
                    {
                        return Fail($"'{wait.Resource.Name}', which it waits to complete, ended {done.Snapshot.State?.Text} (exit code {done.Snapshot.ExitCode}).");
                    }
                }
                else if (wait.WaitType == WaitType.WaitUntilStarted)
                {
                    await notifications.WaitForResourceStartedAsync(wait.Resource.Name, wait.WaitBehavior ?? WaitBehavior.StopOnResourceUnavailable, timeout.Token).ConfigureAwait(false);
                }
                else
                {
                    await notifications.WaitForResourceHealthyAsync(wait.Resource.Name, wait.WaitBehavior ?? WaitBehavior.StopOnResourceUnavailable, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                var snapshot = notifications.GetSnapshot(wait.Resource.Name);
                return Fail($"'{wait.Resource.Name}' did not {(wait.WaitType == WaitType.WaitUntilStarted ? "start" : "become healthy")} within {options.WaitTimeout.TotalSeconds:0} s " +
                    $"(it is {snapshot?.State?.Text}, health {snapshot?.HealthStatus?.ToString() ?? "unknown"}{(snapshot?.StateReason is { } why ? ": " + why : string.Empty)}).");
            }
            catch (DistributedApplicationException)
            {
                // The dependency's own row says why; repeating its reason here would chain down the whole graph.
                return Fail($"it waits for '{wait.Resource.Name}', which is {notifications.GetSnapshot(wait.Resource.Name)?.State?.Text}.");
            }
        }

        return true;
    }

    private async Task<IRunningResource?> LaunchAsync(CancellationToken stopping)
    {
        Publish(s => s with { State = KnownResourceStates.Starting, ExitCode = null, StateReason = null });
        // A persistent container left by the previous run holds its own ports: the launch reuses it, or removes it first.
        var reusesItsPorts = launcher is Container.ContainerRuntime && resource.IsPersistent();
        foreach (var endpoint in reusesItsPorts ? [] : resource.GetEndpoints())
        {
            var allocated = endpoint.AllocatedEndpoint!;
            if (PortAllocator.PortHolder(allocated.Address, allocated.Port) is { } holder)
            {
                Fail($"port {allocated.Port} on {allocated.Address}, needed by '{resource.Name}' (endpoint '{endpoint.Name}'), is already in use by {holder}. " +
                    $"Stop that process, or give '{resource.Name}' another port in the AppHost.");
                return null;
            }
        }

        try
        {
            await eventing.PublishAsync(new BeforeResourceStartedEvent(resource, services), stopping).ConfigureAwait(false);
            var spec = await specResolver.ResolveAsync(resource, stopping).ConfigureAwait(false);
            var started = await launcher.LaunchAsync(resource, spec, stopping).ConfigureAwait(false);
            var urls = await ResourceUrls.ResolveAsync(resource, services.GetRequiredService<DistributedApplicationExecutionContext>(), logger, stopping).ConfigureAwait(false);
            Publish(s => s with
            {
                State = KnownResourceStates.Running,
                ProcessId = started.ProcessId,
                StartedAt = time.GetUtcNow(),
                StoppedAt = null,
                HealthStatus = _healthCheckKeys.Count == 0 ? HealthStatus.Healthy : null,
                Urls = urls,
                Environment = spec.Environment,
            });
            if (_healthCheckKeys.Count == 0)
            {
                await eventing.PublishAsync(new ResourceReadyEvent(resource, services), stopping).ConfigureAwait(false);
            }

            return started;
        }
        catch (DistributedApplicationException ex)
        {
            Fail(ex.Message);
            return null;
        }
    }

    private async Task WatchHealthAsync(CancellationToken cancellationToken)
    {
        if (_healthCheckKeys.Count == 0)
        {
            return;
        }

        var ready = false;
        var watchedSince = time.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var report = await healthChecks.CheckHealthAsync(r => _healthCheckKeys.Contains(r.Name), cancellationToken).ConfigureAwait(false);
                var reason = report.Status == HealthStatus.Healthy ? null : string.Join("; ", report.Entries.Values.Select(e => e.Description).Where(d => d is not null));
                var previous = notifications.GetSnapshot(resource.Name);
                if (previous?.HealthStatus != report.Status || previous.StateReason != reason)
                {
                    Publish(s => s with { HealthStatus = report.Status, StateReason = reason });
                }

                if (report.Status == HealthStatus.Healthy && !ready)
                {
                    ready = true;
                    await eventing.PublishAsync(new ResourceReadyEvent(resource, services), cancellationToken).ConfigureAwait(false);
                }

                await Task.Delay(ready ? HealthyProbeInterval : time.GetElapsedTime(watchedSince) < StartingPhase ? StartingProbeInterval : UnhealthyProbeInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Setting up {Resource} after it became healthy failed", resource.Name);
            Publish(s => s with { State = KnownResourceStates.RuntimeUnhealthy, StateReason = ex.Message });
        }
    }

    private bool Fail(string reason)
    {
        logger.LogError("{Resource} failed to start: {Reason}", resource.Name, reason);
        Publish(s => s with { State = KnownResourceStates.FailedToStart, StateReason = reason, HealthStatus = null });
        foreach (var child in children)
        {
            // A database cannot come up without its server: say so now rather than let its dependents time out.
            notifications.PublishUpdate(child, s => s with { State = KnownResourceStates.FailedToStart, StateReason = $"its parent '{resource.Name}' failed to start." });
        }

        return false;
    }

    private void Publish(Func<CustomResourceSnapshot, CustomResourceSnapshot> update) => notifications.PublishUpdate(resource, update);
}
