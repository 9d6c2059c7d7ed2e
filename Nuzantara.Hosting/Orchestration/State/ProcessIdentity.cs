using System.Globalization;

namespace Nuzantara.Hosting.Orchestration.State;

/// <summary>
/// A process named by its id and its start time (clock ticks since boot, /proc/PID/stat field 22). PIDs are reused;
/// the pair is not, so a reaper never kills a stranger.
/// </summary>
internal sealed record ProcessIdentity(string Resource, int ProcessId, long StartTime)
{
    public static long? ReadStartTime(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // The command name (field 2) may contain spaces and parentheses; fields after the last ')' are fixed.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public bool IsAlive => ReadStartTime(ProcessId) == StartTime;
}
