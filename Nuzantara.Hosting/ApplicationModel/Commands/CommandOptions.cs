namespace Aspire.Hosting.ApplicationModel;

/// <summary>How a command presents itself and when it can run (WithCommand's options).</summary>
public class CommandOptions
{
    internal static CommandOptions Default { get; } = new();

    /// <summary>Shown as the button's tooltip.</summary>
    public string? Description { get; set; }

    /// <summary>Kept with the command for clients that pass it back; the dashboard here does not use it.</summary>
    public object? Parameter { get; set; }

    /// <summary>When set, the dashboard asks for confirmation with this message before running the command.</summary>
    public string? ConfirmationMessage { get; set; }

    public string? IconName { get; set; }

    public IconVariant? IconVariant { get; set; }

    /// <summary>Highlighted commands come first on the resources page.</summary>
    public bool IsHighlighted { get; set; }

    /// <summary>The command's state from each new snapshot of its resource; without it the command is always enabled.</summary>
    public Func<UpdateCommandStateContext, ResourceCommandState>? UpdateState { get; set; }
}
