using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// What each resource printed, kept in a bounded ring buffer per resource (oldest dropped) for the console, the
/// dashboard and tests. Disposed with the application, which ends every watch.
/// </summary>
public sealed class ResourceLoggerService : IDisposable
{
    private const int CapacityPerResource = 10_000;

    private readonly ConcurrentDictionary<string, Queue<ResourceLogEntry>> _buffers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _lineCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Channel<ResourceLogEntry>> _watchers = [];
    private readonly Lock _gate = new();
    private long _sequence;
    private bool _disposed;

    public void Write(string resourceName, string text, bool isError)
    {
        lock (_gate)
        {
            var lineNumber = _lineCounts[resourceName] = _lineCounts.GetValueOrDefault(resourceName) + 1;
            var line = new ResourceLogEntry(resourceName, DateTimeOffset.UtcNow, text, isError) { Sequence = ++_sequence, LineNumber = lineNumber };
            var buffer = _buffers.GetOrAdd(resourceName, _ => new Queue<ResourceLogEntry>());
            if (buffer.Count == CapacityPerResource)
            {
                buffer.Dequeue();
            }

            buffer.Enqueue(line);
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(line);
            }
        }
    }

    /// <summary>A logger whose messages become the resource's own log lines (errors and worse as error lines).</summary>
    public ILogger GetLogger(IResource resource) => GetLogger(resource.Name);

    public ILogger GetLogger(string resourceName) => new ResourceLogger(this, resourceName);

    public IReadOnlyList<ResourceLogEntry> GetLines(string resourceName)
    {
        lock (_gate)
        {
            return _buffers.TryGetValue(resourceName, out var buffer) ? [.. buffer] : [];
        }
    }

    /// <summary>Every line written from now on, for all resources.</summary>
    public async IAsyncEnumerable<ResourceLogEntry> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Subscribe(resourceName: null, out _);
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            Unsubscribe(channel);
        }
    }

    /// <summary>
    /// The resource's buffered lines, then its new lines in batches as they are written, until the enumeration is
    /// cancelled (<c>WithCancellation</c>) or the application is disposed.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<LogLine>> WatchAsync(string resourceName) => WatchResourceAsync(resourceName, CancellationToken.None);

    public IAsyncEnumerable<IReadOnlyList<LogLine>> WatchAsync(IResource resource) => WatchAsync(resource.Name);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<LogLine>> WatchResourceAsync(string resourceName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in WatchEntriesAsync(resourceName, cancellationToken).ConfigureAwait(false))
        {
            if (batch.Count > 0)
            {
                yield return [.. batch.Select(l => l.ToLogLine())];
            }
        }
    }

    /// <summary>
    /// As <see cref="WatchAsync(string)"/>, with each line's sequence number (the dashboard resumes a console after it):
    /// the buffered lines first, even none, then each batch of new ones.
    /// </summary>
    internal async IAsyncEnumerable<IReadOnlyList<ResourceLogEntry>> WatchEntriesAsync(string resourceName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Subscribe(resourceName, out var backlog);
        try
        {
            yield return backlog;
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = new List<ResourceLogEntry>();
                while (channel.Reader.TryRead(out var line))
                {
                    if (string.Equals(line.ResourceName, resourceName, StringComparison.OrdinalIgnoreCase))
                    {
                        batch.Add(line);
                    }
                }

                if (batch.Count > 0)
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            Unsubscribe(channel);
        }
    }

    // Backlog and subscription are taken under one lock, so a watcher neither misses nor repeats a line.
    private Channel<ResourceLogEntry> Subscribe(string? resourceName, out IReadOnlyList<ResourceLogEntry> backlog)
    {
        var channel = Channel.CreateBounded<ResourceLogEntry>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            backlog = resourceName is not null && _buffers.TryGetValue(resourceName, out var buffer) ? [.. buffer] : [];
            if (_disposed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }

        return channel;
    }

    private void Unsubscribe(Channel<ResourceLogEntry> channel)
    {
        lock (_gate)
        {
            _watchers.Remove(channel);
        }
    }
}
