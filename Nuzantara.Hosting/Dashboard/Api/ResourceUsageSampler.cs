namespace Nuzantara.Hosting.Dashboard.Api;

/// <summary>
/// CPU as a percentage of one core needs two readings: the sampler keeps each process group's last CPU time and turns
/// the difference since then into a rate. The first reading of a group has no rate yet.
/// </summary>
internal sealed class ResourceUsageSampler(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Dictionary<int, (DateTimeOffset At, double CpuSeconds)> _previous = [];

    public IReadOnlyDictionary<int, (double? CpuPercent, long MemoryBytes)> Sample(IEnumerable<int> processGroups)
    {
        var now = time.GetUtcNow();
        var all = ProcessGroupUsage.ReadAll();
        var result = new Dictionary<int, (double? CpuPercent, long MemoryBytes)>();
        lock (_gate)
        {
            var next = new Dictionary<int, (DateTimeOffset At, double CpuSeconds)>();
            foreach (var group in processGroups)
            {
                var (cpu, rss) = all.GetValueOrDefault(group);
                double? percent = _previous.TryGetValue(group, out var before) && (now - before.At).TotalSeconds > 0.2
                    ? Math.Max(0, (cpu - before.CpuSeconds) / (now - before.At).TotalSeconds * 100)
                    : null;
                result[group] = (percent, rss);
                // Keep the older reading when polled faster than the clock ticks, so the rate is not zero by rounding.
                next[group] = percent is null && _previous.TryGetValue(group, out var kept) ? kept : (now, cpu);
            }

            _previous = next;
        }

        return result;
    }
}
