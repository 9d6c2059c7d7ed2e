using System.Diagnostics;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>
/// A stop that comes in the first milliseconds after a launch (Ctrl+C during the start, a test that stops at once) is
/// the resource's stop signal. It was lost: setsid had not yet made the child the leader of its own process group, so
/// the signal to that group reached nobody, and the stop waited out its grace period (5 s) and then killed. The
/// process runtime's stop signals through <see cref="NativeMethods.SignalGroupOrLeader"/>; the window is too short to
/// hit reliably through a launch on a quiet machine, so the child here is one that leads no group at all.
/// </summary>
public sealed class StopRightAfterLaunchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_child_that_leads_no_group_yet_gets_the_signal_itself()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        try
        {
            // Started without setsid, it is in the test host's group, as a launched child is until setsid runs.
            Assert.False(NativeMethods.SignalGroup(child.Id, NativeMethods.SIGTERM));
            Assert.True(NativeMethods.SignalGroupOrLeader(child.Id, NativeMethods.SIGTERM));

            await child.WaitForExitAsync(Token).WaitAsync(Timeout, Token);
            Assert.Equal(128 + NativeMethods.SIGTERM, child.ExitCode);
        }
        finally
        {
            child.Kill();
        }
    }
}
