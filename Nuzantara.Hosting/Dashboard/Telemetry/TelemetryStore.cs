namespace Nuzantara.Hosting.Dashboard.Telemetry;

/// <summary>
/// The dashboard's bounded in-memory telemetry: at most N traces, log records and metric points, the oldest dropped
/// first and every drop counted. A batch is mapped before the lock is taken and added whole under it, so ingestion
/// never holds an exporter up and a payload that fails to map stores nothing.
/// </summary>
internal sealed class TelemetryStore(DashboardOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredSpan>> _traces = new(StringComparer.Ordinal);
    private readonly Queue<string> _traceOrder = new();
    private readonly Queue<StoredLog> _logs = new();
    private readonly Queue<StoredMetricPoint> _points = new();
    private int _spanCount;
    private long _droppedTraces;
    private long _droppedLogs;
    private long _droppedPoints;
    private long _logsAdded;

    /// <summary>Signalled after spans were added (dashboard pages follow it; see <see cref="ChangeSignal"/>).</summary>
    public ChangeSignal TracesChanged { get; } = new();

    /// <summary>Signalled after log records were added.</summary>
    public ChangeSignal LogsChanged { get; } = new();

    public void AddSpans(IEnumerable<StoredSpan> spans)
    {
        var batch = spans.ToList();
        lock (_gate)
        {
            foreach (var span in batch)
            {
                if (!_traces.TryGetValue(span.TraceId, out var trace))
                {
                    if (_traces.Count == options.MaxTraceCount)
                    {
                        var oldest = _traceOrder.Dequeue();
                        _spanCount -= _traces[oldest].Count;
                        _traces.Remove(oldest);
                        _droppedTraces++;
                    }

                    trace = [];
                    _traces[span.TraceId] = trace;
                    _traceOrder.Enqueue(span.TraceId);
                }

                trace.Add(span);
                _spanCount++;
            }
        }

        if (batch.Count > 0)
        {
            TracesChanged.Notify();
        }
    }

    public void AddLogs(IEnumerable<StoredLog> logs)
    {
        var batch = logs.ToList();
        lock (_gate)
        {
            foreach (var log in batch)
            {
                _droppedLogs += Bounded(_logs, log, options.MaxLogCount);
            }

            _logsAdded += batch.Count;
        }

        if (batch.Count > 0)
        {
            LogsChanged.Notify();
        }
    }

    public void AddMetricPoints(IEnumerable<StoredMetricPoint> points)
    {
        var batch = points.ToList();
        lock (_gate)
        {
            foreach (var point in batch)
            {
                _droppedPoints += Bounded(_points, point, options.MaxMetricPointCount);
            }
        }
    }

    public IReadOnlyList<StoredSpan> GetTrace(string traceId)
    {
        lock (_gate)
        {
            return _traces.TryGetValue(traceId, out var trace) ? [.. trace.OrderBy(s => s.Start)] : [];
        }
    }

    /// <summary>Newest first: each trace as its spans, for lists and searches.</summary>
    public IReadOnlyList<IReadOnlyList<StoredSpan>> GetTraces(Func<IReadOnlyList<StoredSpan>, bool>? filter = null, int limit = 100)
    {
        lock (_gate)
        {
            return [.. _traceOrder.Reverse().Select(id => (IReadOnlyList<StoredSpan>)[.. _traces[id]]).Where(t => filter?.Invoke(t) ?? true).Take(limit)];
        }
    }

    public IReadOnlyList<StoredLog> GetLogs(Func<StoredLog, bool>? filter = null, int limit = 1000)
    {
        lock (_gate)
        {
            return [.. _logs.Reverse().Where(l => filter?.Invoke(l) ?? true).Take(limit)];
        }
    }

    /// <summary>
    /// Newest first, the records added after <paramref name="position"/> (0: all kept), and the position to ask from
    /// next time: a page shows the store's records once, then only what arrived since.
    /// </summary>
    public (IReadOnlyList<StoredLog> Logs, long Position) GetLogsAfter(long position, Func<StoredLog, bool>? filter = null, int limit = 1000)
    {
        lock (_gate)
        {
            var added = (int)Math.Min(_logsAdded - position, _logs.Count);
            return ([.. _logs.Reverse().Take(added).Where(l => filter?.Invoke(l) ?? true).Take(limit)], _logsAdded);
        }
    }

    public IReadOnlyList<StoredMetricPoint> GetMetricPoints(Func<StoredMetricPoint, bool>? filter = null)
    {
        lock (_gate)
        {
            return [.. _points.Where(p => filter?.Invoke(p) ?? true)];
        }
    }

    /// <summary>Each (service, instrument) that has points, with the unit and kind of its latest point.</summary>
    public IReadOnlyList<(string Service, string Name, string Unit, string Kind)> GetInstruments()
    {
        lock (_gate)
        {
            var latest = new Dictionary<(string, string), StoredMetricPoint>();
            foreach (var point in _points)
            {
                latest[(point.Service, point.Name)] = point;
            }

            return [.. latest.Values.Select(p => (p.Service, p.Name, p.Unit, p.Kind)).OrderBy(i => i.Service, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)];
        }
    }

    public TelemetryCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return new TelemetryCounts(_traces.Count, _spanCount, _logs.Count, _points.Count, _droppedTraces, _droppedLogs, _droppedPoints);
            }
        }
    }

    private static int Bounded<T>(Queue<T> queue, T item, int capacity)
    {
        queue.Enqueue(item);
        if (queue.Count <= capacity)
        {
            return 0;
        }

        queue.Dequeue();
        return 1;
    }
}
