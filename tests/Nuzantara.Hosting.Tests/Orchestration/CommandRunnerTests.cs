using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting.Tests.Orchestration;

public sealed class CommandRunnerTests
{
    [Fact]
    public async Task A_command_that_must_not_be_cut_off_finishes_when_cancelled_and_the_caller_still_hears_of_the_cancel()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"finished-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CommandRunner.RunAsync("sh", ["-c", $"sleep 1; touch {marker}"], cancel.Token, killOnCancel: false));

        Assert.True(File.Exists(marker), "the command was killed instead of let finish");
        File.Delete(marker);
    }

    [Fact]
    public async Task Any_other_command_is_killed_when_cancelled()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"finished-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CommandRunner.RunAsync("sh", ["-c", $"sleep 5; touch {marker}"], cancel.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "cancelling waited for the command");
        Assert.False(File.Exists(marker));
    }
}
