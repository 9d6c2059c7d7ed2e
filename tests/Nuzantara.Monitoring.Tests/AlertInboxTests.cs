using Nuzantara.Hosting.Dashboard.Alerts;

namespace Nuzantara.Monitoring.Tests;

/// <summary>The inbox itself: bounded, newest first, and telling readers when it changed.</summary>
public sealed class AlertInboxTests
{
    [Fact]
    public void Keeps_the_newest_alerts_up_to_its_limit_newest_first()
    {
        var inbox = new AlertInbox(new AlertInboxOptions { MaxAlertCount = 3 });

        inbox.Add(Enumerable.Range(1, 5).Select(i => Alert($"Alert{i}")));

        Assert.Equal(["Alert5", "Alert4", "Alert3"], inbox.Snapshot().Select(a => a.AlertName));
    }

    [Fact]
    public void Changed_is_raised_once_per_delivery_and_a_handler_can_read_the_new_state()
    {
        var inbox = new AlertInbox(new AlertInboxOptions());
        var seen = new List<int>();
        inbox.Changed += () => seen.Add(inbox.Snapshot().Count);

        inbox.Add([Alert("ServiceDown"), Alert("RedisDown")]);
        inbox.Add([]);

        Assert.Equal([2], seen);
    }

    [Fact]
    public async Task Concurrent_deliveries_lose_nothing_below_the_limit()
    {
        var inbox = new AlertInbox(new AlertInboxOptions { MaxAlertCount = 10_000 });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                inbox.Add([Alert($"A{t}-{i}")]);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(4_000, inbox.Snapshot().Select(a => a.AlertName).Distinct().Count());
    }

    private static ReceivedAlert Alert(string name) =>
        new(name, "firing", new Dictionary<string, string> { ["alertname"] = name }, new Dictionary<string, string>(),
            DateTimeOffset.UtcNow, null, "default", name, DateTimeOffset.UtcNow);
}
