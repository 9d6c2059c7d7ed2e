using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Nuzantara.ServiceDefaults.Health;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Nuzantara.Services.Tests;

/// <summary>
/// Health probes and Prometheus scrapes are not traffic: they leave the request metrics the SLIs and alerts read
/// unchanged — a probe answering 503 while a dependency is down is no 5xx error — and are not traced, nor is what
/// their checks do (the database query of a readiness check), while a user's request is counted and traced.
/// </summary>
public sealed partial class ProbeTrafficTests
{
    private static readonly ActivitySource Database = new("Nuzantara.Tests.Database");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probes_and_scrapes_are_neither_counted_nor_traced_and_a_users_request_is_both()
    {
        var spans = new Recorded();
        await using var app = await StartAsync(spans);
        using var client = LoopbackApp.Client(app);
        spans.ServerPort = client.BaseAddress!.Port;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/database", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Token)).StatusCode);
        var probedOnly = await client.GetStringAsync("/metrics", Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/ping", Token)).StatusCode);

        Assert.Empty(RequestSeries().Matches(probedOnly));
        var metrics = await Eventually.ReadAsync(() => client.GetStringAsync("/metrics", Token), m => m.Contains("route=\"/api/ping\""),
            TimeSpan.FromSeconds(10), m => $"/metrics never counted /api/ping:\n{m}");
        Assert.All(RequestSeries().Matches(metrics), series => Assert.Contains("route=\"/api/ping\"", series.Value));
        Assert.Matches("(?m)^http_requests_total\\{[^}]*route=\"/api/ping\"[^}]*\\} 1", metrics);

        var traced = await Eventually.ReadAsync(() => Task.FromResult(spans.Names.ToArray()), s => s.Length >= 2, TimeSpan.FromSeconds(10),
            s => $"the user's request was not traced: {string.Join(", ", s)}");
        Assert.Equal(["SELECT 1", "GET /api/ping"], traced);
    }

    private static async Task<WebApplication> StartAsync(Recorded spans)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // As the AppHost (and Aspire) sets it: a child of a filtered-out span would be recorded, its parent never exported.
        builder.Configuration["OTEL_TRACES_SAMPLER"] = "always_on";
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(Database.Name)
            .AddProcessor(spans));
        // PostgreSQL is down: the readiness check queries it (a span, were it recorded) and fails.
        builder.Services.AddHealthChecks().AddCheck(HealthTags.Database, () =>
        {
            using var query = Database.StartActivity("SELECT 1", ActivityKind.Client);
            return HealthCheckResult.Unhealthy("connection refused");
        }, [HealthTags.Ready, HealthTags.Database]);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/ping", () =>
        {
            using var query = Database.StartActivity("SELECT 1", ActivityKind.Client);
            return "pong";
        });
        await app.StartAsync(Token);
        return app;
    }

    /// <summary>Every sample of the request metrics the SLIs read.</summary>
    [GeneratedRegex(@"(?m)^http_(requests_total|errors_total|request_duration_seconds_count)\{[^}]*\}")]
    private static partial Regex RequestSeries();

    /// <summary>
    /// The spans an exporter would get (those recorded, as the batch export processor takes them) but for the test's
    /// own HttpClient calls, which are traced because the client runs in the service's process. ASP.NET Core's activity
    /// source belongs to the whole process, so the server spans of other apps the test process runs (other tests, an
    /// in-process AppHost's dashboard) reach this provider too: only the spans of requests to this app's port, and what
    /// happens inside them, count.
    /// </summary>
    private sealed class Recorded : BaseProcessor<Activity>
    {
        public ConcurrentQueue<string> Names { get; } = new();

        public int ServerPort { get; set; }

        public override void OnEnd(Activity activity)
        {
            if (activity.Recorded && activity.Source.Name != "System.Net.Http" && IsThisApps(activity))
            {
                Names.Enqueue(activity.DisplayName);
            }
        }

        private bool IsThisApps(Activity activity)
        {
            var root = activity;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            return root.Kind != ActivityKind.Server || root.GetTagItem("server.port") is int port && port == ServerPort;
        }
    }
}
