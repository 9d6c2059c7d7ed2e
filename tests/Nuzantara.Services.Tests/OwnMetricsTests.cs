using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.Services.Tests;

/// <summary>
/// Two services in one process (a test host, say) each export only the requests they served: a meter provider listens
/// to meters by name across the process, and without <c>OwnMetersView</c> each /metrics would count the other's requests.
/// </summary>
public sealed class OwnMetricsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_app_in_a_process_exports_only_its_own_request_metrics()
    {
        await using var first = await StartAsync("/api/first");
        await using var second = await StartAsync("/api/second");
        using var firstClient = LoopbackApp.Client(first);
        using var secondClient = LoopbackApp.Client(second);

        for (var i = 0; i < 3; i++)
        {
            (await firstClient.GetAsync("/api/first", Token)).EnsureSuccessStatusCode();
        }
        (await secondClient.GetAsync("/api/second", Token)).EnsureSuccessStatusCode();

        var firstMetrics = await Eventually.ReadAsync(() => firstClient.GetStringAsync("/metrics", Token),
            m => Regex.IsMatch(m, "(?m)^http_requests_total\\{[^}]*route=\"/api/first\"[^}]*\\} 3"), TimeSpan.FromSeconds(10),
            m => $"the first app never counted its three requests:\n{m}");
        var secondMetrics = await Eventually.ReadAsync(() => secondClient.GetStringAsync("/metrics", Token),
            m => Regex.IsMatch(m, "(?m)^http_requests_total\\{[^}]*route=\"/api/second\"[^}]*\\} 1"), TimeSpan.FromSeconds(10),
            m => $"the second app never counted its request:\n{m}");
        Assert.DoesNotContain("/api/second", firstMetrics);
        Assert.DoesNotContain("/api/first", secondMetrics);
    }

    private static async Task<WebApplication> StartAsync(string route)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet(route, () => "ok");
        await app.StartAsync(Token);
        return app;
    }
}
