namespace Nuzantara.Hosting.Dashboard.Api;

/// <summary>Every resource as <c>/api/resources</c> and its event stream show it: state, links, usage, masked environment, commands.</summary>
internal sealed class ResourceViews(
    ResourceNotificationService notifications,
    ResourceUsageSampler sampler,
    SecretMasker masker,
    TimeProvider time)
{
    public IReadOnlyList<ResourceView> Current()
    {
        var snapshots = notifications.GetSnapshots();
        var usage = sampler.Sample(snapshots.Where(s => s.ProcessId is not null).Select(s => s.ProcessId!.Value));
        var now = time.GetUtcNow();
        return [.. snapshots.Select(s =>
        {
            var (cpu, memory) = s.ProcessId is { } pid ? usage[pid] : (null, 0);
            return new ResourceView(
                s.Name,
                s.ResourceType,
                // The event's resource: a project's replicas are no resources of the model.
                notifications.TryGetCurrentState(s.Name, out var current) ? ParentOf(current.Resource) : null,
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
                    c.Name, c.DisplayName, c.DisplayDescription, c.State.ToString(), c.ConfirmationMessage, c.IconName, c.IsHighlighted))])
            {
                StateStyle = s.State?.Style,
                Properties = [.. s.Properties.Select(p => new PropertyView(p.Name, p.IsSensitive ? SecretMasker.Mask : Text(p.Value)))],
            };
        })];
    }

    /// <summary>A property's value as text: lists joined, anything else formatted invariantly.</summary>
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        IEnumerable<string> items => string.Join(", ", items),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The resource it is shown under: its owner (a database's server) or the one WithParentRelationship names.</summary>
    private static string? ParentOf(IResource resource) =>
        (resource as IResourceWithParent)?.Parent.Name
        ?? resource.OfAnnotation<ResourceRelationshipAnnotation>().LastOrDefault(r => r.Type == ResourceRelationshipTypes.Parent)?.Resource.Name;
}
