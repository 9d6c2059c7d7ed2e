using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Aspire.Hosting.ApplicationModel;

public sealed record LogLine(string ResourceName, DateTimeOffset Timestamp, string Text, bool IsError)
{
    /// <summary>Increases with every line written, across resources: a reader following a log asks for what came after.</summary>
    public long Sequence { get; init; }
}

/// <summary>
/// What each resource printed, kept in a bounded ring buffer per resource (oldest dropped) for the console, the
/// dashboard and tests.
/// </summary>
public sealed class ResourceLoggerService(int capacityPerResource = 10_000)
{
    private readonly ConcurrentDictionary<string, Queue<LogLine>> _buffers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Channel<LogLine>> _watchers = [];
    private readonly Lock _gate = new();
    private long _sequence;

    public void Write(string resourceName, string text, bool isError)
    {
        lock (_gate)
        {
            var line = new LogLine(resourceName, DateTimeOffset.UtcNow, text, isError) { Sequence = ++_sequence };
            var buffer = _buffers.GetOrAdd(resourceName, _ => new Queue<LogLine>());
            if (buffer.Count == capacityPerResource)
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

    public IReadOnlyList<LogLine> GetLines(string resourceName)
    {
        lock (_gate)
        {
            return _buffers.TryGetValue(resourceName, out var buffer) ? [.. buffer] : [];
        }
    }

    /// <summary>Every line written from now on, for all resources.</summary>
    public async IAsyncEnumerable<LogLine> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _watchers.Add(channel);
        }

        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
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
}
