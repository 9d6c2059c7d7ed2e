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

    public Task WriteAsync(HttpContext context, HealthReport report)
    {
        using var process = Process.GetCurrentProcess();
        var body = new
        {
            uptime = (DateTime.Now - process.StartTime).TotalSeconds,
            memory = new { rss = process.WorkingSet64, heapTotal = GC.GetGCMemoryInfo().HeapSizeBytes },
            timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            status = Word(report.Status),
            services = report.Entries.Where(e => e.Key != "self").ToDictionary(e => e.Key, e => Word(e.Value.Status)),
            version = ServiceVersion.Current,
            environment = environment.EnvironmentName,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
