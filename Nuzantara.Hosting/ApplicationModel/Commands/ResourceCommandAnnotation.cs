namespace Aspire.Hosting.ApplicationModel;

/// <summary>A command a person (the dashboard) or a test (<see cref="ResourceCommandService"/>) can run on the resource.</summary>
public sealed class ResourceCommandAnnotation(
    string name,
    string displayName,
    Func<UpdateCommandStateContext, ResourceCommandState> updateState,
    Func<ExecuteCommandContext, Task<ExecuteCommandResult>> executeCommand,
    string? displayDescription,
    object? parameter,
    string? confirmationMessage,
    string? iconName,
    IconVariant? iconVariant,
    bool isHighlighted) : IResourceAnnotation
{
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    public string DisplayName { get; } = displayName ?? throw new ArgumentNullException(nameof(displayName));

    public Func<UpdateCommandStateContext, ResourceCommandState> UpdateState { get; } = updateState ?? throw new ArgumentNullException(nameof(updateState));

    public Func<ExecuteCommandContext, Task<ExecuteCommandResult>> ExecuteCommand { get; } = executeCommand ?? throw new ArgumentNullException(nameof(executeCommand));

    public string? DisplayDescription { get; } = displayDescription;

    public object? Parameter { get; } = parameter;

    public string? ConfirmationMessage { get; } = confirmationMessage;

    public string? IconName { get; } = iconName;

    public IconVariant? IconVariant { get; } = iconVariant;

    public bool IsHighlighted { get; } = isHighlighted;
}
