namespace Nuzantara.Monitoring.Tests;

/// <summary>Polls until a condition holds or a deadline passes: Prometheus and Alertmanager act on their own clocks.</summary>
internal static class Eventually
{
    /// <returns>The first non-null value of <paramref name="probe"/>.</returns>
    /// <exception cref="TimeoutException">With <paramref name="what"/> and the last state seen, when the deadline passes.</exception>
    public static async Task<T> ReturnsAsync<T>(string what, TimeSpan timeout, Func<Task<T?>> probe, Func<string> lastState, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s. Last state: {lastState()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
