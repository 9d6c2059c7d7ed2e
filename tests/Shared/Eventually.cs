namespace Nuzantara.Tests;

/// <summary>
/// Reads until a condition holds or a deadline passes. What the tests wait for arrives on its own schedule (a health
/// check's next probe, a batch export, a metric recorded after its response went out), so they poll, never sleep.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>The first value read that satisfies <paramref name="done"/>; fails with <paramref name="describe"/> of the last one.</summary>
    public static Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, Func<T, string> describe) =>
        ReadAsync(read, done, within, value => Task.FromResult(describe(value)));

    /// <summary>As above, where the failure's message is read too (a container's logs).</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, Func<T, Task<string>> describe)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{await describe(value)} after {within.TotalSeconds} s");
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }
}
