using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Aspire.Hosting.Python;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The current state of every resource, and a stream of changes to watch or wait on (Aspire's ResourceNotificationService).</summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Channel<ResourceEvent>> _watchers = [];
    private readonly Lock _gate = new();

    public ResourceSnapshot? GetSnapshot(string resourceName) => _snapshots.GetValueOrDefault(resourceName);

    public IReadOnlyList<ResourceSnapshot> GetSnapshots() => [.. _snapshots.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    public ResourceSnapshot PublishUpdate(IResource resource, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceSnapshot snapshot;
        lock (_gate)
        {
            var current = _snapshots.GetValueOrDefault(resource.Name) ?? new ResourceSnapshot { Name = resource.Name, ResourceType = ResourceTypeName(resource) };
            snapshot = update(current);
            _snapshots[resource.Name] = snapshot;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(new ResourceEvent(resource.Name, snapshot));
            }
        }

        return snapshot;
    }

    /// <summary>The current snapshots, then every change, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            foreach (var snapshot in _snapshots.Values)
            {
                channel.Writer.TryWrite(new ResourceEvent(snapshot.Name, snapshot));
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
            if (string.Equals(resourceEvent.ResourceName, resourceName, StringComparison.OrdinalIgnoreCase) && predicate(resourceEvent))
            {
                return resourceEvent;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    public Task<ResourceEvent> WaitForResourceAsync(string resourceName, string targetState, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, e => e.Snapshot.State == targetState, cancellationToken);

    /// <summary>Waits until the resource runs and passes its health checks; fails at once if it can no longer get there.</summary>
    public async Task<ResourceEvent> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var resourceEvent = await WaitForResourceAsync(
            resourceName,
            e => e.Snapshot.IsHealthy || e.Snapshot.State is KnownResourceStates.FailedToStart or KnownResourceStates.RuntimeUnhealthy
                || (e.Snapshot.State == KnownResourceStates.NotStarted && e.Snapshot.StateReason is not null),
            cancellationToken).ConfigureAwait(false);
        if (!resourceEvent.Snapshot.IsHealthy)
        {
            throw new DistributedApplicationException(
                $"Resource '{resourceName}' will not become healthy: it is {resourceEvent.Snapshot.State}. {resourceEvent.Snapshot.StateReason}".TrimEnd());
        }

        return resourceEvent;
    }

    internal static string ResourceTypeName(IResource resource) => resource switch
    {
        ProjectResource => "Project",
        PythonAppResource => "PythonApp",
        ExecutableResource => "Executable",
        ParameterResource => "Parameter",
        PostgresDatabaseResource => "PostgresDatabase",
        ContainerResource container => container.GetType() == typeof(ContainerResource) ? "Container" : container.GetType().Name.Replace("Resource", string.Empty),
        _ => resource.GetType().Name.Replace("Resource", string.Empty),
    };
}
