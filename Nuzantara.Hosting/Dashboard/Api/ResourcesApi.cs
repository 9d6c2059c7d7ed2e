using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

/// <summary>A line a resource printed; its sequence orders lines across resources and resumes a console after it.</summary>
internal sealed record ConsoleLineView(long Sequence, DateTimeOffset Time, string Text, bool IsError)
{
    public static ConsoleLineView From(ResourceLogEntry line) => new(line.Sequence, line.Timestamp, line.Text, line.IsError);
}

/// <summary><c>/api/resources</c>: every resource's state, and Start/Stop/Restart.</summary>
internal static class ResourcesApi
{
    public static void MapResourcesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resources", (ResourceViews views) => views.Current());

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
            return Results.Ok(fresh.Select(ConsoleLineView.From));
        });
    }
}
