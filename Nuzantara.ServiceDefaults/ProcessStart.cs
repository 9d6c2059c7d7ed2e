using System.Diagnostics;

namespace Nuzantara.ServiceDefaults;

/// <summary>When this process started (UTC), read once: it does not move, and reading it costs a /proc read.</summary>
internal static class ProcessStart
{
    public static DateTime Utc { get; } = Read();

    private static DateTime Read()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }
}
