using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Nuzantara.Hosting.Tests.Orchestration.FakeTime;

/// <summary>
/// Fake time that also tells the test each timer the code under test sets (every Task.Delay on it is one), so the
/// test advances the clock only once the code is waiting, and reads the delay it asked for.
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Announce the timer only once it is scheduled: a test that advances the clock on the announcement must not
        // get there before the timer exists, or the timer is due relative to the advanced clock and never fires.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer set; a real-time deadline keeps a broken runner from hanging the test.</summary>
    public async Task<TimeSpan> NextTimerAsync() =>
        await _timers.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public bool TimerWasSet => _timers.Reader.TryPeek(out _);
}
