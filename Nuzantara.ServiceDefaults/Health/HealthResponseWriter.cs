using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>
/// The health body of the original system: uptime, memory, timestamp, status, per-dependency status, version and
/// environment. Check descriptions and exceptions are left out: they can carry connection strings.
/// </summary>
internal sealed class HealthResponseWriter(IHostEnvironment environment, ProcessMemory memory)
{
    public Task WriteAsync(HttpContext context, HealthReport report)
    {
        var now = DateTime.UtcNow;
        var body = new HealthBody(
            Uptime: (now - ProcessStart.Utc).TotalSeconds,
            Memory: memory.Current,
            Timestamp: now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            Status: Word(report.Status),
            Services: report.Entries.Where(e => e.Key != "self").ToDictionary(e => e.Key, e => Word(e.Value.Status)),
            Version: ServiceVersion.Current,
            Environment: environment.EnvironmentName);
        return context.Response.WriteAsJsonAsync(body, HealthJsonContext.Default.HealthBody, cancellationToken: context.RequestAborted);
    }

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
