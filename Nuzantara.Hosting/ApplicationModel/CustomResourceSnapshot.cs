using System.Collections.Immutable;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// What is known about a resource at one moment. Immutable: every change publishes a new snapshot. A custom resource's
/// code publishes its own (WithInitialState, then PublishUpdateAsync); its name is the resource's, set on publishing.
/// </summary>
public sealed record CustomResourceSnapshot
{
    public string Name { get; init; } = string.Empty;

    public required string ResourceType { get; init; }

    /// <summary>Name/value pairs the dashboard lists in the resource's details (sensitive ones masked).</summary>
    public ImmutableArray<ResourcePropertySnapshot> Properties { get; init; } = [];

    public DateTime? CreationTimeStamp { get; init; }

    public ResourceStateSnapshot? State { get; init; } = KnownResourceStates.NotStarted;

    /// <summary>Null while no health check has run; resources without checks are healthy once running.</summary>
    public HealthStatus? HealthStatus { get; init; }

    /// <summary>Why the resource is in its state, when that needs saying (a failure, a container-only resource).</summary>
    public string? StateReason { get; init; }

    public int? ExitCode { get; init; }

    public int RestartCount { get; init; }

    public int? ProcessId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>Aspire's name for <see cref="StartedAt"/>, in UTC; one value behind both.</summary>
    public DateTime? StartTimeStamp
    {
        get => StartedAt?.UtcDateTime;
        init => StartedAt = AsOffset(value);
    }

    /// <summary>Aspire's name for <see cref="StoppedAt"/>, in UTC; one value behind both.</summary>
    public DateTime? StopTimeStamp
    {
        get => StoppedAt?.UtcDateTime;
        init => StoppedAt = AsOffset(value);
    }

    /// <summary>The resource's links (its endpoints and WithUrl's), set each time it starts.</summary>
    public IReadOnlyList<UrlSnapshot> Urls { get; init; } = [];

    /// <summary>The environment the AppHost gave the current process, unmasked: mask secrets before showing it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The resource's commands, their states worked out from this snapshot when it was published.</summary>
    public ImmutableArray<ResourceCommandSnapshot> Commands { get; init; } = [];

    internal bool IsHealthy => State?.Text == KnownResourceStates.Running && HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    internal bool IsTerminal => State?.Text is { } text && KnownResourceStates.TerminalStates.Contains(text);

    // A DateTime of unspecified kind is taken as UTC, as Aspire's dashboard reads it.
    private static DateTimeOffset? AsOffset(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc)),
    };
}
