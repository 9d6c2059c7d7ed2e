using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>
/// The health body of the original system: uptime, memory, timestamp, status, per-dependency status, version and
/// environment. Check descriptions and exceptions are left out: they can carry connection strings.
/// </summary>
public sealed class HealthResponseWriter(IHostEnvironment environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Read once: the process's start does not move, and reading it costs a /proc read.</summary>
    private static readonly DateTime ProcessStartedAt = ReadProcessStart();

    public Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            uptime = (DateTime.Now - ProcessStartedAt).TotalSeconds,
            // Environment.WorkingSet, not Process.WorkingSet64: on Linux the latter reads the stat file of every thread
            // (~0.8 ms with 40 threads, bench/BENCHMARKS.md part 3), which capped /health at a few thousand answers a second.
            memory = new { rss = Environment.WorkingSet, heapTotal = GC.GetGCMemoryInfo().HeapSizeBytes },
            timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            status = Word(report.Status),
            services = report.Entries.Where(e => e.Key != "self").ToDictionary(e => e.Key, e => Word(e.Value.Status)),
            version = ServiceVersion.Current,
            environment = environment.EnvironmentName,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static DateTime ReadProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime;
    }

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
