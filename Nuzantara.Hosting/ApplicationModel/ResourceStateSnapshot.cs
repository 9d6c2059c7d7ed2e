namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource's state (see <see cref="KnownResourceStates"/>) and how a UI may style it.</summary>
public sealed record ResourceStateSnapshot(string Text, string? Style)
{
    /// <summary>Lets a state be set from its text alone, e.g. <c>s with { State = KnownResourceStates.Running }</c>.</summary>
    public static implicit operator ResourceStateSnapshot?(string? s) => s is null ? null : new(s, null);
}
