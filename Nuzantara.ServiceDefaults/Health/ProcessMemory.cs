namespace Nuzantara.ServiceDefaults.Health;

/// <summary>
/// The process's resident set and GC heap, read at most once a second. <see cref="Environment.WorkingSet"/> parses
/// /proc/self/status and <see cref="GC.GetGCMemoryInfo()"/> allocates: together the largest single cost of a /health
/// answer under load (bench/BENCHMARKS.md, part 3), for figures that do not move within a second. Not
/// Process.WorkingSet64: on Linux it reads the stat file of every thread (~0.8 ms with 40 threads).
/// </summary>
internal sealed class ProcessMemory(TimeProvider time)
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(1);

    private Sample? _last;

    public HealthMemory Current
    {
        get
        {
            var now = time.GetTimestamp();
            var last = _last;
            if (last is null || time.GetElapsedTime(last.ReadAt, now) >= ReadEvery)
            {
                last = new Sample(new HealthMemory(Environment.WorkingSet, GC.GetGCMemoryInfo().HeapSizeBytes), now);
                _last = last;
            }

            return last.Memory;
        }
    }

    private sealed record Sample(HealthMemory Memory, long ReadAt);
}
