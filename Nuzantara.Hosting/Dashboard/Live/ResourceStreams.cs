using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Nuzantara.Hosting.Dashboard.Api;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Live;

/// <summary>One console batch: <c>Reset</c> when the page should drop what it shows (a connection that is not resuming).</summary>
internal sealed record ConsoleBatch(bool Reset, IReadOnlyList<ConsoleLineView> Lines);

/// <summary>
/// <c>/api/resources/stream</c>: every resource, as <c>/api/resources</c> returns them, on connect and after each change;
/// <c>/api/resources/{name}/console/stream</c>: what the resource printed, then its new lines as they are written.
/// </summary>
internal static class ResourceStreams
{
    // CPU, memory and uptime change without an event; they are re-read this often and sent when they differ.
    private static readonly TimeSpan UsageInterval = TimeSpan.FromSeconds(2);

    private const int ConsoleBacklog = 2000;

    public static void MapResourceStreams(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resources/stream", (HttpContext context, ResourceViews views, ResourceNotificationService notifications, IOptions<JsonOptions> json) =>
            EventStream.Of(context, stopped => ResourcesAsync(views, notifications, json.Value.SerializerOptions, stopped)));

        api.MapGet("/resources/{name}/console/stream", (string name, HttpContext context, ResourceNotificationService notifications, ResourceLoggerService logs) =>
        {
            if (notifications.GetSnapshot(name) is null)
            {
                return Results.Problem(statusCode: 404, title: "No such resource", detail: $"The application has no resource named '{name}'.");
            }

            // EventSource sends the id of the last event it got when it reconnects: it already shows the lines up to it.
            long? resumeAfter = long.TryParse(context.Request.Headers["Last-Event-ID"], out var lastSeen) ? lastSeen : null;
            return EventStream.Of(context, stopped => ConsoleAsync(logs, name, resumeAfter, stopped));
        });
    }

    private static async IAsyncEnumerable<SseItem<string>> ResourcesAsync(
        ResourceViews views, ResourceNotificationService notifications, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changed = new ChangeSignal();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchAsync(notifications, changed, watching.Token);
        try
        {
            string? sent = null;
            var seen = changed.Version;
            while (!cancellationToken.IsCancellationRequested)
            {
                var data = JsonSerializer.Serialize(views.Current(), json);
                if (data != sent)
                {
                    sent = data;
                    yield return new SseItem<string>(data, "resources");
                }

                seen = await changed.WaitAsync(seen, UsageInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
        }
    }

    private static async Task WatchAsync(ResourceNotificationService notifications, ChangeSignal changed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                changed.Notify();
            }
        }
        catch (OperationCanceledException)
        {
            // The page went or the dashboard stopped.
        }
    }

    private static async IAsyncEnumerable<SseItem<ConsoleBatch>> ConsoleAsync(
        ResourceLoggerService logs, string name, long? resumeAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        await foreach (var batch in logs.WatchEntriesAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var lines = first
                ? (resumeAfter is { } seen ? batch.Where(l => l.Sequence > seen) : batch.TakeLast(ConsoleBacklog)).Select(ConsoleLineView.From).ToList()
                : [.. batch.Select(ConsoleLineView.From)];
            if (first || lines.Count > 0)
            {
                var last = lines.Count > 0 ? lines[^1].Sequence : resumeAfter;
                yield return new SseItem<ConsoleBatch>(new ConsoleBatch(first && resumeAfter is null, lines), "lines") { EventId = last?.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            first = false;
        }
    }
}
