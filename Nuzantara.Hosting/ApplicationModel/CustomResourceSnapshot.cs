using System.Collections.Immutable;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>What is known about a resource at one moment. Immutable: every change publishes a new snapshot.</summary>
public sealed record CustomResourceSnapshot
{
    public required string Name { get; init; }

    public required string ResourceType { get; init; }

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

    /// <summary>The resource's links (its endpoints and WithUrl's), set each time it starts.</summary>
    public IReadOnlyList<UrlSnapshot> Urls { get; init; } = [];

    /// <summary>The environment the AppHost gave the current process, unmasked: mask secrets before showing it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The resource's commands, their states worked out from this snapshot when it was published.</summary>
    public ImmutableArray<ResourceCommandSnapshot> Commands { get; init; } = [];

    public bool IsHealthy => State?.Text == KnownResourceStates.Running && HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    public bool IsTerminal => State?.Text is { } text && KnownResourceStates.TerminalStates.Contains(text);
}
