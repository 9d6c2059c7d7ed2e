using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The current state of every resource, and a stream of changes to watch or wait on (Aspire's ResourceNotificationService).</summary>
/// <param name="services">What commands' state callbacks are given; none outside an application (a unit test's own instance).</param>
public sealed class ResourceNotificationService(IServiceProvider? services = null)
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    private readonly ConcurrentDictionary<string, ResourceEvent> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Channel<ResourceEvent>> _watchers = [];
    private readonly Lock _gate = new();

    public CustomResourceSnapshot? GetSnapshot(string resourceName) => _current.GetValueOrDefault(resourceName)?.Snapshot;

    public IReadOnlyList<CustomResourceSnapshot> GetSnapshots() => [.. _current.Values.Select(e => e.Snapshot).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The last event published for the resource (its id is its name), if any.</summary>
    public bool TryGetCurrentState(string resourceId, [NotNullWhen(true)] out ResourceEvent? resourceEvent) =>
        _current.TryGetValue(resourceId, out resourceEvent);

    public CustomResourceSnapshot PublishUpdate(IResource resource, Func<CustomResourceSnapshot, CustomResourceSnapshot> update)
    {
        lock (_gate)
        {
            var current = _current.GetValueOrDefault(resource.Name)?.Snapshot
                ?? new CustomResourceSnapshot { Name = resource.Name, ResourceType = ResourceTypeName(resource) };
            // The name is always the resource's: a custom resource's code builds snapshots without one.
            var resourceEvent = new ResourceEvent(resource, resource.Name, WithCommandStates(resource, update(current) with { Name = resource.Name }));
            _current[resource.Name] = resourceEvent;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(resourceEvent);
            }

            return resourceEvent.Snapshot;
        }
    }

    public Task PublishUpdateAsync(IResource resource, Func<CustomResourceSnapshot, CustomResourceSnapshot> stateFactory)
    {
        PublishUpdate(resource, stateFactory);
        return Task.CompletedTask;
    }

    // Every snapshot carries each command's state as of that snapshot, so whoever reads it (the dashboard) sees what can run.
    private CustomResourceSnapshot WithCommandStates(IResource resource, CustomResourceSnapshot snapshot)
    {
        var commands = resource.Annotations.OfType<ResourceCommandAnnotation>().ToList();
        if (commands.Count == 0 && snapshot.Commands.IsEmpty)
        {
            return snapshot;
        }

        var context = new UpdateCommandStateContext { ResourceSnapshot = snapshot, ServiceProvider = services ?? NoServices };
        return snapshot with
        {
            Commands = [.. commands.Select(c => new ResourceCommandSnapshot(
                c.Name, c.UpdateState(context), c.DisplayName, c.DisplayDescription, c.Parameter, c.ConfirmationMessage, c.IconName, c.IconVariant, c.IsHighlighted))],
        };
    }

    /// <summary>The current state of every resource, then every change, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            foreach (var resourceEvent in _current.Values)
            {
                channel.Writer.TryWrite(resourceEvent);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var resourceEvent in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return resourceEvent;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    public async Task<ResourceEvent> WaitForResourceAsync(string resourceName, Func<ResourceEvent, bool> predicate, CancellationToken cancellationToken = default)
    {
        await foreach (var resourceEvent in WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(resourceEvent.Resource.Name, resourceName, StringComparison.OrdinalIgnoreCase) && predicate(resourceEvent))
            {
                return resourceEvent;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>
    /// Waits until the resource is in <paramref name="targetState"/> (Running when null). Aspire returns a plain Task;
    /// the event that matched is returned here as well, for its snapshot.
    /// </summary>
    public Task<ResourceEvent> WaitForResourceAsync(string resourceName, string? targetState = null, CancellationToken cancellationToken = default)
    {
        var state = string.IsNullOrEmpty(targetState) ? KnownResourceStates.Running : targetState;
        return WaitForResourceAsync(resourceName, e => string.Equals(e.Snapshot.State?.Text, state, StringComparison.OrdinalIgnoreCase), cancellationToken);
    }

    /// <summary>Waits until the resource is in one of <paramref name="targetStates"/>, and returns that state.</summary>
    public async Task<string> WaitForResourceAsync(string resourceName, IEnumerable<string> targetStates, CancellationToken cancellationToken = default)
    {
        var states = targetStates.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var resourceEvent = await WaitForResourceAsync(resourceName, e => e.Snapshot.State?.Text is { } text && states.Contains(text), cancellationToken).ConfigureAwait(false);
        return resourceEvent.Snapshot.State!.Text;
    }

    /// <summary>Waits until the resource runs and passes its health checks; fails at once if it can no longer get there.</summary>
    public Task<ResourceEvent> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitForResourceHealthyAsync(resourceName, WaitBehavior.StopOnResourceUnavailable, cancellationToken);

    /// <summary>
    /// Waits until the resource runs and passes its health checks. With <see cref="WaitBehavior.StopOnResourceUnavailable"/>
    /// it fails as soon as the resource failed to start, finished or cannot run here; otherwise it waits on.
    /// </summary>
    public async Task<ResourceEvent> WaitForResourceHealthyAsync(string resourceName, WaitBehavior waitBehavior, CancellationToken cancellationToken = default)
    {
        var resourceEvent = await WaitForResourceAsync(
            resourceName,
            e => e.Snapshot.IsHealthy || (waitBehavior == WaitBehavior.StopOnResourceUnavailable && IsUnavailable(e.Snapshot)),
            cancellationToken).ConfigureAwait(false);
        if (!resourceEvent.Snapshot.IsHealthy)
        {
            throw new DistributedApplicationException(
                $"Resource '{resourceName}' will not become healthy: it is {resourceEvent.Snapshot.State?.Text}. {resourceEvent.Snapshot.StateReason}".TrimEnd());
        }

        return resourceEvent;
    }

    /// <summary>
    /// Waits until the resource is running, healthy or not (WaitForStart). With <see cref="WaitBehavior.StopOnResourceUnavailable"/>
    /// it fails as soon as the resource can no longer start; otherwise it waits on.
    /// </summary>
    internal async Task<ResourceEvent> WaitForResourceStartedAsync(string resourceName, WaitBehavior waitBehavior, CancellationToken cancellationToken)
    {
        var resourceEvent = await WaitForResourceAsync(
            resourceName,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running || (waitBehavior == WaitBehavior.StopOnResourceUnavailable && IsUnavailable(e.Snapshot)),
            cancellationToken).ConfigureAwait(false);
        if (resourceEvent.Snapshot.State?.Text != KnownResourceStates.Running)
        {
            throw new DistributedApplicationException(
                $"Resource '{resourceName}' will not start: it is {resourceEvent.Snapshot.State?.Text}. {resourceEvent.Snapshot.StateReason}".TrimEnd());
        }

        return resourceEvent;
    }

    // Unlike Aspire, Exited is not among these: the runner restarts a resource that crashed (or was restarted from the
    // dashboard), so Exited passes while Finished, a failed start or "cannot run here" is final.
    private static bool IsUnavailable(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is KnownResourceStates.Finished or KnownResourceStates.FailedToStart or KnownResourceStates.RuntimeUnhealthy
        || (snapshot.State?.Text == KnownResourceStates.NotStarted && snapshot.StateReason is not null);

    /// <summary>A plain container or executable shows as one; an integration's own type by its name (Redis, PythonApp, NodeApp).</summary>
    internal static string ResourceTypeName(IResource resource) => resource switch
    {
        ProjectResource => "Project",
        ParameterResource => "Parameter",
        _ when resource.GetType() == typeof(ExecutableResource) => "Executable",
        _ when resource.GetType() == typeof(ContainerResource) => "Container",
        _ => resource.GetType().Name.Replace("Resource", string.Empty),
    };
}
