namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>A process's resident memory as the kernel counts it (<c>VmRSS</c>), what <c>top</c> and a container limit see.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
