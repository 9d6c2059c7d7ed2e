namespace Nuzantara.Hosting.Dashboard.Alerts;

/// <summary>
/// The default Alertmanager webhook of local runs: the last <see cref="AlertInboxOptions.MaxAlertCount"/> alerts
/// received, newest first, in memory. Thread-safe: Alertmanager posts while the dashboard reads.
/// </summary>
internal sealed class AlertInbox(AlertInboxOptions options)
{
    private readonly object _gate = new();

    // Oldest first, so that adding is an append and trimming drops from the front.
    private readonly LinkedList<ReceivedAlert> _alerts = new();

    /// <summary>Raised after alerts were added, outside the inbox's lock (a handler may call <see cref="Snapshot"/>).</summary>
    public event Action? Changed;

    public void Add(IEnumerable<ReceivedAlert> alerts)
    {
        var added = false;
        lock (_gate)
        {
            foreach (var alert in alerts)
            {
                _alerts.AddLast(alert);
                added = true;
                if (_alerts.Count > options.MaxAlertCount)
                {
                    _alerts.RemoveFirst();
                }
            }
        }

        if (added)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Every alert kept, newest first.</summary>
    public IReadOnlyList<ReceivedAlert> Snapshot()
    {
        lock (_gate)
        {
            return _alerts.Reverse().ToList();
        }
    }
}
