namespace Aspire.Hosting.ApplicationModel;

/// <summary>The names of the commands every resource this AppHost runs has.</summary>
public static class KnownResourceCommands
{
    public static readonly string StartCommand = "start";

    public static readonly string StopCommand = "stop";

    public static readonly string RestartCommand = "restart";

    // Aspire's earlier names, still accepted by ResourceCommandService as Aspire's is.
    internal const string LegacyStartCommand = "resource-start";
    internal const string LegacyStopCommand = "resource-stop";
    internal const string LegacyRestartCommand = "resource-restart";
}
