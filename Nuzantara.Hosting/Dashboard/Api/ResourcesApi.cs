using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Dashboard.Api;

/// <summary>A resource as the Resources page and scripts see it.</summary>
internal sealed record ResourceView(
    string Name,
    string Type,
    string? Parent,
    string State,
    string? Health,
    string? StateReason,
    int? ExitCode,
    int RestartCount,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    double? UptimeSeconds,
    IReadOnlyList<UrlView> Urls,
    double? CpuPercent,
    long? MemoryBytes,
    IReadOnlyList<EnvironmentVariableView> Environment,
    IReadOnlyList<string> Commands);

internal sealed record EnvironmentVariableView(string Name, string Value);

/// <summary>A link: its text (empty: the URL itself), and whether it shows in the details only.</summary>
internal sealed record UrlView(string Url, string DisplayText, string? Endpoint, bool DetailsOnly);

/// <summary><c>/api/resources</c>: every resource's state, and Start/Stop/Restart.</summary>
internal static class ResourcesApi
{
    public static void MapResourcesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resources", (ResourceNotificationService notifications, ApplicationOrchestrator orchestrator, ResourceUsageSampler sampler, SecretMasker masker,
            DistributedApplicationModel model, TimeProvider time) =>
        {
            var snapshots = notifications.GetSnapshots();
            var usage = sampler.Sample(snapshots.Where(s => s.ProcessId is not null).Select(s => s.ProcessId!.Value));
            var now = time.GetUtcNow();
            return snapshots.Select(s =>
            {
                var (cpu, memory) = s.ProcessId is { } pid ? usage[pid] : (null, 0);
                return new ResourceView(
                    s.Name,
                    s.ResourceType,
                    ParentOf(model.Find(s.Name)),
                    s.State?.Text ?? KnownResourceStates.NotStarted,
                    s.HealthStatus?.ToString() ?? (s.State?.Text == KnownResourceStates.Running ? "Checking" : null),
                    s.StateReason,
                    s.ExitCode,
                    s.RestartCount,
                    s.StartedAt,
                    s.StoppedAt,
                    s.State?.Text == KnownResourceStates.Running && s.StartedAt is { } started ? Math.Round((now - started).TotalSeconds) : null,
                    [.. s.Urls.Select(u => new UrlView(u.Url, u.DisplayProperties.DisplayName, u.Name, u.IsInternal))],
                    cpu is null ? null : Math.Round(cpu.Value, 1),
                    s.ProcessId is null ? null : memory,
                    [.. s.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new EnvironmentVariableView(e.Key, masker.MaskValue(e.Key, e.Value)))],
                    orchestrator.CanRun(s.Name) ? Commands(s) : []);
            }).ToList();
        });

        api.MapPost("/resources/{name}/{command}", async (string name, string command, ApplicationOrchestrator orchestrator, CancellationToken cancellationToken) =>
        {
            if (!Enum.TryParse<ResourceCommand>(command, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.Problem(statusCode: 400, title: "Unknown command", detail: $"'{command}' is not one of start, stop, restart.");
            }

            var result = await orchestrator.ExecuteCommandAsync(name, parsed, cancellationToken);
            return result switch
            {
                { Found: false } => Results.Problem(statusCode: 404, title: "No such resource", detail: $"The application has no resource named '{name}'."),
                { Error: { } error } => Results.Problem(statusCode: 409, title: "Command refused", detail: error),
                _ => Results.Accepted($"/api/resources", new { resource = name, command = parsed.ToString().ToLowerInvariant() }),
            };
        });

        api.MapGet("/resources/{name}/console", (string name, long? after, ResourceNotificationService notifications, ResourceLoggerService logs) =>
        {
            if (notifications.GetSnapshot(name) is null)
            {
                return Results.Problem(statusCode: 404, title: "No such resource", detail: $"The application has no resource named '{name}'.");
            }

            var lines = logs.GetLines(name);
            // The first read shows the recent past; later reads everything since the last line seen.
            var fresh = after is { } seen ? lines.Where(l => l.Sequence > seen) : lines.TakeLast(2000);
            return Results.Ok(fresh.Select(l => new { sequence = l.Sequence, time = l.Timestamp, text = l.Text, isError = l.IsError }));
        });
    }

    /// <summary>The resource it is shown under: its owner (a database's server) or the one WithParentRelationship names.</summary>
    private static string? ParentOf(IResource resource) =>
        (resource as IResourceWithParent)?.Parent.Name
        ?? resource.OfAnnotation<ResourceRelationshipAnnotation>().LastOrDefault(r => r.Type == ResourceRelationshipTypes.Parent)?.Resource.Name;

    private static IReadOnlyList<string> Commands(CustomResourceSnapshot snapshot) => snapshot.State?.Text switch
    {
        KnownResourceStates.Running or KnownResourceStates.Starting or KnownResourceStates.Waiting => ["stop", "restart"],
        KnownResourceStates.Stopping => [],
        _ => ["start"],
    };
}
