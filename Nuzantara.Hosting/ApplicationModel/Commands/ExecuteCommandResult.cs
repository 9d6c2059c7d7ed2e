namespace Aspire.Hosting.ApplicationModel;

/// <summary>How a command went: done, failed with a message for the person who ran it, or canceled.</summary>
public sealed class ExecuteCommandResult
{
    public required bool Success { get; init; }

    public bool Canceled { get; init; }

    public string? ErrorMessage { get; init; }
}
