using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Live;

/// <summary><c>/api/alerts/stream</c>: the inbox as <c>GET /api/alerts</c> returns it, on connect and after each notification.</summary>
internal static class AlertStream
{
    public static void MapAlertStream(this IEndpointRouteBuilder api) =>
        api.MapGet("/alerts/stream", (HttpContext context, AlertInbox inbox) => EventStream.Of(context, stopped => AlertsAsync(inbox, stopped)));

    private static async IAsyncEnumerable<SseItem<IReadOnlyList<ReceivedAlert>>> AlertsAsync(AlertInbox inbox, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changed = new ChangeSignal();
        inbox.Changed += changed.Notify;
        try
        {
            await foreach (var alerts in EventStream.OnEachChangeAsync(changed, "alerts", inbox.Snapshot, cancellationToken).ConfigureAwait(false))
            {
                yield return alerts;
            }
        }
        finally
        {
            inbox.Changed -= changed.Notify;
        }
    }
}
