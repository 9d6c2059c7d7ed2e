using System.Diagnostics;
using Sentry.Extensibility;

namespace Nuzantara.ServiceDefaults.Sentry;

/// <summary>
/// Puts the OpenTelemetry trace and span of the failing request on each Sentry event, so an error in Sentry leads to its
/// trace in the dashboard. Sentry.OpenTelemetry, which would do this, is not available here; both use W3C-sized ids.
/// </summary>
internal sealed class OpenTelemetryTraceEventProcessor : ISentryEventProcessor
{
    public SentryEvent? Process(SentryEvent @event)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            var traceId = activity.TraceId.ToHexString();
            @event.SetTag("trace_id", traceId);
            @event.Contexts.Trace.TraceId = SentryId.Parse(traceId);
            @event.Contexts.Trace.SpanId = SpanId.Parse(activity.SpanId.ToHexString());
        }

        return @event;
    }
}
