using System.Globalization;

namespace Nuzantara.Hosting.Dashboard;

/// <summary>CPU time and resident memory of a whole process group (PostgreSQL's backends count towards PostgreSQL), read from /proc.</summary>
internal static class ProcessGroupUsage
{
    // USER_HZ is 100 on every Linux architecture .NET runs on; sysconf is not exposed by .NET.
    private const double ClockTicksPerSecond = 100;

    public static (double CpuSeconds, long ResidentBytes) Read(int processGroupId) => ReadAll().GetValueOrDefault(processGroupId);

    /// <summary>Every process group's usage in one pass over /proc, for callers that want many groups at once.</summary>
    public static Dictionary<int, (double CpuSeconds, long ResidentBytes)> ReadAll()
    {
        var usage = new Dictionary<int, (double CpuSeconds, long ResidentBytes)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After the command name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) … rss pages(21).
                var group = int.Parse(fields[2], CultureInfo.InvariantCulture);
                var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
                var rss = long.Parse(fields[21], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
                var (groupCpu, groupRss) = usage.GetValueOrDefault(group);
                usage[group] = (groupCpu + cpu, groupRss + rss);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }

        return usage;
    }
}
