using System.Runtime.InteropServices;

namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>
/// The few POSIX calls .NET does not expose: signals other than SIGKILL to a whole process group, and the
/// effective user and group ids. Mono.Posix would bring a native library for four functions.
/// </summary>
internal static partial class NativeMethods
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGINT = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEffectiveGroupId();

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>Signals every process of the group <paramref name="processGroupId"/>; false when none is left.</summary>
    public static bool SignalGroup(int processGroupId, int signal) => Kill(-processGroupId, signal) == 0;

    /// <summary>
    /// Signals the group that the child <paramref name="processId"/> leads, or the child alone while it has no group of its
    /// own yet: in the first milliseconds after a launch <c>setsid</c> has not yet made it a group leader, and a signal to
    /// the group it will lead reaches nobody (a stop then waited out its grace period and killed). Signalled then, the
    /// child is still <c>setsid</c> and ends before it runs the program.
    /// </summary>
    public static bool SignalGroupOrLeader(int processId, int signal) => SignalGroup(processId, signal) || Kill(processId, signal) == 0;

    public static int ToNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => SIGINT,
        PosixSignal.SIGTERM => SIGTERM,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGHUP => 1,
        _ => SIGTERM,
    };
}
