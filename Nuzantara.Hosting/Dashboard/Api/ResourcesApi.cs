using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
    IReadOnlyList<CommandView> Commands)
{
    /// <summary>How the state asks to be styled (a custom resource's "success", "error", …), when it says.</summary>
    public string? StateStyle { get; init; }

    /// <summary>The snapshot's properties (a custom resource's own), sensitive values masked.</summary>
    public IReadOnlyList<PropertyView> Properties { get; init; } = [];
}

internal sealed record PropertyView(string Name, string Value);

/// <summary>A command the page shows as a button (hidden ones are left out); a confirmation message is asked before running it.</summary>
internal sealed record CommandView(string Name, string DisplayName, string? Description, string State, string? ConfirmationMessage, string? IconName, bool IsHighlighted);

/// <summary>How a command that ran went, as <see cref="ExecuteCommandResult"/> says.</summary>
internal sealed record CommandResultView(string Resource, string Command, bool Success, bool Canceled, string? ErrorMessage);

internal sealed record EnvironmentVariableView(string Name, string Value);

/// <summary>A link: its text (empty: the URL itself), and whether it shows in the details only.</summary>
internal sealed record UrlView(string Url, string DisplayText, string? Endpoint, bool DetailsOnly);

/// <summary>A line a resource printed; its sequence orders lines across resources and resumes a console after it.</summary>
internal sealed record ConsoleLineView(long Sequence, DateTimeOffset Time, string Text, bool IsError)
{
    public static ConsoleLineView From(ResourceLogEntry line) => new(line.Sequence, line.Timestamp, line.Text, line.IsError);
}

/// <summary><c>/api/resources</c>: every resource's state, and its commands (Start, Stop, Restart and the AppHost's own).</summary>
internal static class ResourcesApi
{
    public static void MapResourcesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resources", (ResourceViews views) => views.Current());

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

            var result = await commands.ExecuteCommandAsync(resource, annotation.Name, cancellationToken).ConfigureAwait(false);
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
            return Results.Ok(fresh.Select(ConsoleLineView.From));
        });
    }
}
