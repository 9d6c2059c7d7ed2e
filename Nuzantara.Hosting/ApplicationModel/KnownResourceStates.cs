namespace Aspire.Hosting.ApplicationModel;

/// <summary>Resource states with Aspire's names, so dashboards and tests read the same words.</summary>
public static class KnownResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Stopping = "Stopping";
    public const string Exited = "Exited";
    public const string Finished = "Finished";
    public const string FailedToStart = "FailedToStart";
    public const string RuntimeUnhealthy = "RuntimeUnhealthy";

    public static readonly IReadOnlyList<string> TerminalStates = [Exited, Finished, FailedToStart, RuntimeUnhealthy];
}
