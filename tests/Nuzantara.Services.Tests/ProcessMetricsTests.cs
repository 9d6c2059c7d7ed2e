using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.Services.Tests;

/// <summary>The start time every scraped process exposes, which ContainerRestarted watches for restarts under Compose and Kubernetes.</summary>
public sealed class ProcessMetricsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_carry_the_process_start_time_in_unix_seconds_under_the_standard_name()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var metrics = await client.GetStringAsync("/metrics", Token);

        Assert.Contains("# TYPE process_start_time_seconds gauge", metrics);
        var value = double.Parse(Regex.Match(metrics, @"(?m)^process_start_time_seconds(\{[^}]*\})? (\S+)").Groups[2].Value, CultureInfo.InvariantCulture);
        using var process = Process.GetCurrentProcess();
        Assert.Equal(new DateTimeOffset(process.StartTime).ToUnixTimeMilliseconds() / 1000.0, value, 0.01);
    }
}
