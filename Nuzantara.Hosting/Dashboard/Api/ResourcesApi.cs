using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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
    IReadOnlyList<CommandView> Commands);

/// <summary>A command the page shows as a button (hidden ones are left out); a confirmation message is asked before running it.</summary>
internal sealed record CommandView(string Name, string DisplayName, string? Description, string State, string? ConfirmationMessage, string? IconName, bool IsHighlighted);

/// <summary>How a command that ran went, as <see cref="ExecuteCommandResult"/> says.</summary>
internal sealed record CommandResultView(string Resource, string Command, bool Success, bool Canceled, string? ErrorMessage);

internal sealed record EnvironmentVariableView(string Name, string Value);

/// <summary>A link: its text (empty: the URL itself), and whether it shows in the details only.</summary>
internal sealed record UrlView(string Url, string DisplayText, string? Endpoint, bool DetailsOnly);

/// <summary><c>/api/resources</c>: every resource's state, and its commands (Start, Stop, Restart and the AppHost's own).</summary>
internal static class ResourcesApi
{
    public static void MapResourcesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resources", (ResourceNotificationService notifications, ResourceUsageSampler sampler, SecretMasker masker,
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
                    [.. s.Commands.Where(c => c.State != ResourceCommandState.Hidden).Select(c => new CommandView(
                        c.Name, c.DisplayName, c.DisplayDescription, c.State.ToString(), c.ConfirmationMessage, c.IconName, c.IsHighlighted))]);
            }).ToList();
        });

        // Runs one command through ResourceCommandService, as the page's buttons do; a command the resource's state does
        // not allow now (Stop on a stopped resource) is refused rather than run. WithHttpCommand's names hold the path, so the
        // command takes the rest of the URL, slashes (or %2F, which the server leaves encoded) included.
        api.MapPost("/resources/{name}/commands/{**command}", async (string name, string command, ResourceNotificationService notifications,
            ResourceCommandService commands, CancellationToken cancellationToken) =>
        {
            if (!notifications.TryGetCurrentState(name, out var current))
            {
                return Results.Problem(statusCode: 404, title: "No such resource", detail: $"The application has no resource named '{name}'.");
            }

            var resource = current.Resource;
            command = Uri.UnescapeDataString(command);
            if (ResourceCommandService.Find(resource, command) is not { } annotation)
            {
                var known = string.Join(", ", resource.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name));
                return Results.Problem(statusCode: 404, title: "No such command",
                    detail: $"'{resource.Name}' has no command '{command}'" + (known.Length > 0 ? $"; its commands are {known}." : "; it has no commands."));
            }

            // The state the resource's latest snapshot gave it, which is what the page shows.
            if (current.Snapshot.Commands.FirstOrDefault(c => c.Name == annotation.Name)?.State != ResourceCommandState.Enabled)
            {
                return Results.Problem(statusCode: 409, title: "Command not available",
                    detail: $"'{annotation.Name}' cannot run on '{resource.Name}' while it is {current.Snapshot.State?.Text ?? "without a state"}.");
            }

            var result = await commands.ExecuteCommandAsync(resource, annotation.Name, cancellationToken);
            return Results.Ok(new CommandResultView(resource.Name, annotation.Name, result.Success, result.Canceled, result.ErrorMessage));
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
}
