using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Api;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Live;

/// <summary>Log records newest first; <c>Reset</c>: they replace what the page shows, otherwise they arrived since the last batch.</summary>
internal sealed record LogBatch(bool Reset, IReadOnlyList<StoredLog> Logs);

/// <summary>
/// <c>/api/logs/stream</c>: the records <c>/api/logs</c> would return, then each new matching record as it arrives;
/// <c>/api/traces/stream</c>: the traces <c>/api/traces</c> would return, again after each change. Both take the same
/// filters as their JSON counterparts.
/// </summary>
internal static class TelemetryStreams
{
    public static void MapTelemetryStreams(this IEndpointRouteBuilder api)
    {
        api.MapGet("/logs/stream", (string? resource, string? level, string? text, string? traceId, int? limit, HttpContext context, TelemetryStore store) =>
        {
            var query = LogsApi.Query(resource, level, text, traceId, limit);
            return query.Problem ?? EventStream.Of(context, stopped => LogsAsync(store, query.Filter, query.Take, stopped));
        });

        api.MapGet("/traces/stream", (string? resource, string? status, int? limit, HttpContext context, TelemetryStore store) =>
        {
            var query = TracesApi.Query(resource, status, limit);
            return query.Problem ?? EventStream.Of(context, stopped => EventStream.OnEachChangeAsync(store.TracesChanged, "traces", () => TracesApi.Summaries(store, query.Filter, query.Take), stopped));
        });
    }

    private static async IAsyncEnumerable<SseItem<LogBatch>> LogsAsync(TelemetryStore store, Func<StoredLog, bool> filter, int take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = 0L;
        var reset = true;
        // The version is read before the records: a record added in between is then both read and waited for, never lost.
        var seen = store.LogsChanged.Version;
        while (!cancellationToken.IsCancellationRequested)
        {
            (var logs, position) = store.GetLogsAfter(position, filter, take);
            if (reset || logs.Count > 0)
            {
                yield return new SseItem<LogBatch>(new LogBatch(reset, logs), "logs");
                reset = false;
            }

            seen = await store.LogsChanged.WaitAsync(seen, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            await Task.Delay(EventStream.Coalescing, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
