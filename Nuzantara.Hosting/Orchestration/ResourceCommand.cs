namespace Nuzantara.Hosting.Orchestration;

/// <summary>What a person can do to a running application's resource from the dashboard, as Aspire offers it.</summary>
public enum ResourceCommand
{
    Start,
    Stop,
    Restart,
}

/// <summary>The outcome of a <see cref="ResourceCommand"/>: done, no such resource, or refused with the reason.</summary>
public sealed record ResourceCommandResult(bool Found, string? Error)
{
    public static readonly ResourceCommandResult Done = new(true, null);

    public static readonly ResourceCommandResult NotFound = new(false, null);

    public static ResourceCommandResult Refused(string reason) => new(true, reason);
}
