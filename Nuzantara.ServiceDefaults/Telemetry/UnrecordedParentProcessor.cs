using System.Diagnostics;
using OpenTelemetry;

namespace Nuzantara.ServiceDefaults.Telemetry;

/// <summary>
/// Leaves a span unrecorded when its parent in this process is: what a filtered-out request does (the health probes'
/// checks, such as the SELECT 1 on PostgreSQL) goes with it. A parent-based sampler would do that by itself, but the
/// AppHost sets OTEL_TRACES_SAMPLER=always_on, as Aspire does, and then every probe exported its checks' spans without
/// their parent: root traces in the dashboard, one per probe.
/// </summary>
internal sealed class UnrecordedParentProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity activity)
    {
        if (activity.Parent is { Recorded: false })
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
