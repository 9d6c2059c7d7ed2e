using Nuzantara.Hosting.Dashboard;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Dashboard.Tests.Telemetry;

/// <summary>The store keeps at most its limits, drops the oldest first and counts every drop.</summary>
public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Past_the_trace_limit_the_oldest_traces_go_whole_and_are_counted()
    {
        var store = new TelemetryStore(new DashboardOptions { MaxTraceCount = 3 });

        for (var i = 0; i < 5; i++)
        {
            store.AddSpans([Span(i, "a"), Span(i, "b")]);
        }

        Assert.Equal(["trace-4", "trace-3", "trace-2"], store.GetTraces().Select(t => t[0].TraceId));
        Assert.Empty(store.GetTrace("trace-0"));
        Assert.Equal(new TelemetryCounts(3, 6, 0, 0, 2, 0, 0), store.Counts);
    }

    [Fact]
    public void Spans_arriving_later_join_their_trace_without_counting_as_a_new_one()
    {
        var store = new TelemetryStore(new DashboardOptions { MaxTraceCount = 2 });

        store.AddSpans([Span(1, "root")]);
        store.AddSpans([Span(2, "root")]);
        store.AddSpans([Span(1, "child")]);

        Assert.Equal(2, store.GetTrace("trace-1").Count);
        Assert.Equal(0, store.Counts.DroppedTraces);
    }

    [Fact]
    public void Logs_and_metric_points_keep_the_newest_within_their_limits()
    {
        var store = new TelemetryStore(new DashboardOptions { MaxLogCount = 10, MaxMetricPointCount = 20 });

        store.AddLogs(Enumerable.Range(0, 25).Select(i => new StoredLog("svc", T0.AddSeconds(i), "Information", $"line {i}", null, null, new Dictionary<string, string>())));
        store.AddMetricPoints(Enumerable.Range(0, 50).Select(i => new StoredMetricPoint("svc", "m", "", T0.AddSeconds(i), i, new Dictionary<string, string>())));

        Assert.Equal("line 24", store.GetLogs()[0].Message);
        Assert.Equal("line 15", store.GetLogs()[^1].Message);
        Assert.Equal(30, store.GetMetricPoints()[0].Value);
        Assert.Equal((10, 20, 15L, 30L), (store.Counts.Logs, store.Counts.MetricPoints, store.Counts.DroppedLogs, store.Counts.DroppedMetricPoints));
    }

    [Fact]
    public void A_batch_that_fails_while_mapping_stores_nothing()
    {
        var store = new TelemetryStore(new DashboardOptions());

        Assert.Throws<FormatException>(() => store.AddSpans(Failing()));

        Assert.Equal(0, store.Counts.Spans);

        static IEnumerable<StoredSpan> Failing()
        {
            yield return Span(1, "fine");
            throw new FormatException("bad id");
        }
    }

    [Fact]
    public async Task Readers_and_writers_at_once_never_see_more_than_the_limit()
    {
        var store = new TelemetryStore(new DashboardOptions { MaxTraceCount = 100 });

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                store.AddSpans([Span((w * 10_000) + i, "s")]);
            }
        })).ToList();
        while (!writers.All(w => w.IsCompleted))
        {
            Assert.InRange(store.GetTraces(limit: 1000).Count, 0, 100);
        }

        await Task.WhenAll(writers);
        Assert.Equal((100, 7_900L), (store.Counts.Traces, store.Counts.DroppedTraces));
    }

    [Fact]
    public void Logs_after_a_position_are_the_ones_added_since_that_are_still_kept_newest_first()
    {
        var store = new TelemetryStore(new DashboardOptions { MaxLogCount = 3 });
        store.AddLogs([Log(0), Log(1)]);
        var (first, position) = store.GetLogsAfter(0);

        store.AddLogs([Log(2), Log(3), Log(4), Log(5)]);
        var (since, next) = store.GetLogsAfter(position);
        var (filtered, _) = store.GetLogsAfter(position, l => l.Message != "line 4");

        Assert.Equal(["line 1", "line 0"], first.Select(l => l.Message));
        // line 2 arrived since, but the limit of 3 dropped it before it was read.
        Assert.Equal(["line 5", "line 4", "line 3"], since.Select(l => l.Message));
        Assert.Equal(["line 5", "line 3"], filtered.Select(l => l.Message));
        Assert.Empty(store.GetLogsAfter(next).Logs);
    }

    [Fact]
    public async Task Adding_records_wakes_a_waiter_and_a_missed_change_is_seen_at_once()
    {
        var store = new TelemetryStore(new DashboardOptions());
        var seen = store.LogsChanged.Version;
        var waiting = store.LogsChanged.WaitAsync(seen, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        store.AddLogs([Log(0)]);
        var woken = await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        store.AddLogs([Log(1)]);

        Assert.NotEqual(seen, woken);
        Assert.True(store.LogsChanged.WaitAsync(woken, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken).IsCompleted);
        Assert.Equal(seen, store.TracesChanged.Version);
    }

    private static StoredLog Log(int i) => new("svc", T0.AddSeconds(i), "Information", $"line {i}", null, null, new Dictionary<string, string>());

    private static StoredSpan Span(int trace, string name) =>
        new("svc", $"trace-{trace}", $"{trace}-{name}", null, name, "Server", T0.AddSeconds(trace), T0.AddSeconds(trace).AddMilliseconds(5), "Unset", new Dictionary<string, string>(), []);
}
