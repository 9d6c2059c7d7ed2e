namespace Aspire.Hosting.ApplicationModel;

/// <summary>A command as a resource's snapshot carries it: what shows, and its state at that moment.</summary>
public sealed record ResourceCommandSnapshot(
    string Name,
    ResourceCommandState State,
    string DisplayName,
    string? DisplayDescription,
    object? Parameter,
    string? ConfirmationMessage,
    string? IconName,
    IconVariant? IconVariant,
    bool IsHighlighted);
