using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Services.Tests;

/// <summary>What an SRE sees of the services: one trace per search across all three, the cache in metrics, the metric contract.</summary>
public sealed class ObservabilityTests(ServicesStack stack) : IClassFixture<ServicesStack>
{
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_search_ranks_the_backends_candidates_and_is_one_trace_across_the_three_services()
    {
        var word = $"w{Guid.NewGuid():N}"[..12];
        var weak = (await stack.CreateDocumentAsync("Unrelated title", $"mentions {word} once")).GetProperty("id").GetInt64();
        var strong = (await stack.CreateDocumentAsync($"{word} {word}", $"all about {word}")).GetProperty("id").GetInt64();

        var traceId = ActivityTraceIdHex();
        using var gateway = stack.Client("orchestrator");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/search?q={word}&limit=5");
        request.Headers.Add("traceparent", $"00-{traceId}-{new string('1', 16)}-01");
        using var response = await gateway.SendAsync(request, Token);
        var search = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        Assert.Equal("ok", search.GetProperty("ranking").GetString());
        Assert.Equal([strong, weak], search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.True(search.GetProperty("stages").GetProperty("candidatesMs").GetDouble() > 0);
        Assert.True(search.GetProperty("stages").GetProperty("rankingMs").GetDouble() > 0);

        // Each service exports in its own batches, the orchestrator's server span last of all (it ends last).
        string[] services = ["orchestrator", "backend", "python-backend"];
        var spans = await WaitForTraceAsync(traceId, s => services.All(name => s.Any(x => x.Service == name && x.Kind == "Server")) && s.Any(IsDatabaseSpan));
        var byId = spans.ToDictionary(s => s.SpanId);
        string? ServiceOfParent(StoredSpan span) => span.ParentSpanId is { } parent && byId.TryGetValue(parent, out var p) ? p.Service : null;

        var backendServer = Assert.Single(spans, s => s.Service == "backend" && s.Kind == "Server");
        Assert.Equal("orchestrator", ServiceOfParent(backendServer));
        var rankServer = Assert.Single(spans, s => s.Service == "python-backend" && s.Kind == "Server");
        Assert.Equal("orchestrator", ServiceOfParent(rankServer));
        var database = Assert.Single(spans, s => s.Service == "backend" && IsDatabaseSpan(s));
        Assert.Equal("backend", ServiceOfParent(database));
        Assert.All(spans.Where(s => s.SpanId != spans.OrderBy(x => x.Start).First().SpanId), s => Assert.NotNull(ServiceOfParent(s)));
    }

    [Fact]
    public async Task Reads_fill_the_cache_hits_are_counted_and_a_write_replaces_the_entry()
    {
        var id = (await stack.CreateDocumentAsync("Cached", "v1")).GetProperty("id").GetInt64();
        using var backend = stack.Client("backend");
        var before = await ScrapeAsync(backend);

        var traceId = ActivityTraceIdHex();
        for (var i = 0; i < 3; i++)
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}");
            read.Headers.Add("traceparent", $"00-{traceId}-{new string('2', 16)}-01");
            (await backend.SendAsync(read, Token)).EnsureSuccessStatusCode();
        }

        var after = await ScrapeUntilAsync(backend, m => Value(m, "document_cache_requests_total", "hit") - Value(before, "document_cache_requests_total", "hit") >= 2);
        Assert.Equal(1, Value(after, "document_cache_requests_total", "miss") - Value(before, "document_cache_requests_total", "miss"));
        Assert.Equal(2, Value(after, "document_cache_requests_total", "hit") - Value(before, "document_cache_requests_total", "hit"));

        var spans = await WaitForTraceAsync(traceId, s => s.Count(x => x.Name.StartsWith("GET document", StringComparison.Ordinal)) == 3);
        Assert.Equal(["false", "true", "true"], spans.Where(s => s.Name == "GET document").OrderBy(s => s.Start).Select(s => s.Attributes["cache.hit"]));
        Assert.All(spans.Where(s => s.Name.EndsWith(" document", StringComparison.Ordinal)), s => Assert.Equal("redis", s.Attributes["db.system.name"]));

        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{id}") { Content = JsonContent.Create(new { title = "Cached", body = "v2" }) };
        (await backend.SendAsync(update, Token)).EnsureSuccessStatusCode();
        var fresh = await backend.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);
        Assert.Equal("v2", fresh.GetProperty("body").GetString());
        var afterWrite = await ScrapeUntilAsync(backend, m => Value(m, "document_cache_requests_total", "hit") > Value(after, "document_cache_requests_total", "hit"));
        Assert.Equal(1, Value(afterWrite, "document_cache_invalidations_total", "ok") - Value(after, "document_cache_invalidations_total", "ok"));
        Assert.Equal(1, Value(afterWrite, "document_cache_requests_total", "hit") - Value(after, "document_cache_requests_total", "hit"));
    }

    [Theory]
    [InlineData("backend", "/api/documents/{id}")]
    [InlineData("orchestrator", "/api/example")]
    public async Task Every_metric_of_the_contract_is_exported_with_its_labels(string service, string route)
    {
        var id = (await stack.CreateDocumentAsync("Metrics", "m")).GetProperty("id").GetInt64();
        using var client = stack.Client(service);
        (await client.GetAsync(service == "backend" ? $"/api/documents/{id}" : "/api/example", Token)).EnsureSuccessStatusCode();
        await client.GetAsync("/api/documents/0", Token);

        var metrics = await ScrapeUntilAsync(client, m => m.Contains("status=\"400\"", StringComparison.Ordinal));

        Assert.Matches($"http_request_duration_seconds_bucket\\{{[^}}]*method=\"GET\"[^}}]*route=\"{Regex.Escape(route)}\"[^}}]*status=\"200\"", metrics);
        Assert.Matches($"http_requests_total\\{{[^}}]*route=\"{Regex.Escape(route)}\"", metrics);
        Assert.Matches("http_errors_total\\{[^\\n]*status=\"400\"", metrics);
        Assert.DoesNotMatch("http_(request_duration_seconds_bucket|requests_total|errors_total)\\{[^}]*status_code=", metrics); // the original's label is status
        Assert.Matches("http_request_duration_seconds_bucket\\{[^}]*le=\"2\"", metrics); // HighResponseTime's threshold is a bound
        Assert.Matches("(?m)^http_active_connections\\{", metrics);
        Assert.DoesNotContain($"/api/documents/{id}\"", metrics);
        foreach (var runtime in new[]
                 {
                     "dotnet_process_cpu_time_seconds_total", "dotnet_process_memory_working_set_bytes",
                     "dotnet_gc_last_collection_heap_size_bytes", "dotnet_thread_pool_thread_count",
                 })
        {
            Assert.Contains(runtime, metrics);
        }

        // Kestrel's meter stays; ASP.NET Core's duplicates of the HTTP metrics above and the meters that record on every
        // buffer and route match are never enabled.
        Assert.Contains("kestrel_active_connections", metrics);
        foreach (var unexported in new[] { "http_server_request_duration_", "http_server_active_requests", "aspnetcore_memory_pool_", "aspnetcore_routing_" })
        {
            Assert.DoesNotContain(unexported, metrics);
        }
    }

    [Fact]
    public async Task Health_probes_and_scrapes_are_neither_counted_nor_traced_in_any_service()
    {
        // The AppHost has probed every service's /health/ready every 5 s since the stack started; an SRE's curls add more.
        string[] services = ["orchestrator", "backend", "python-backend"];
        foreach (var service in services)
        {
            using var client = stack.Client(service);
            foreach (var path in new[] { "/health", "/health/live", "/health/ready", "/metrics" })
            {
                (await client.GetAsync(path, Token)).Dispose();
            }
        }

        // A user's request, traced after the probes: once it is in, what the probes would have exported is too.
        var traceId = ActivityTraceIdHex();
        using (var backend = stack.Client("backend"))
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/example"))
        {
            request.Headers.Add("traceparent", $"00-{traceId}-{new string('3', 16)}-01");
            (await backend.SendAsync(request, Token)).EnsureSuccessStatusCode();
        }

        await WaitForTraceAsync(traceId, s => s.Any(x => x.Service == "backend" && x.Kind == "Server"));
        var spans = stack.Telemetry.GetTraces(limit: int.MaxValue).SelectMany(t => t).ToList();
        Assert.DoesNotContain(spans, s => s.Attributes.TryGetValue("url.path", out var path) && IsProbeOrScrape(path));
        // The database check's query, run by every readiness probe, recorded without its parent it was a root trace.
        Assert.DoesNotContain(spans, s => IsDatabaseSpan(s) && s.Attributes.GetValueOrDefault("db.query.text") == "SELECT 1");
        foreach (var service in services)
        {
            using var client = stack.Client(service);
            var metrics = await ScrapeAsync(client);
            Assert.DoesNotMatch("(?m)^http_(requests_total|errors_total|request_duration_seconds_count)\\{[^}]*route=\"(/health[^\"]*|/alive|/metrics)\"", metrics);
        }
    }

    private static bool IsProbeOrScrape(string path) =>
        path.StartsWith("/health", StringComparison.Ordinal) || path is "/alive" or "/metrics";

    private static bool IsDatabaseSpan(StoredSpan span) =>
        span.Attributes.TryGetValue("db.system", out var system) && system == "postgresql" ||
        span.Attributes.TryGetValue("db.system.name", out var name) && name == "postgresql";

    private Task<IReadOnlyList<StoredSpan>> WaitForTraceAsync(string traceId, Func<IReadOnlyList<StoredSpan>, bool> complete) =>
        Eventually.ReadAsync(() => Task.FromResult(stack.Telemetry.GetTrace(traceId)), complete, ExportDeadline,
            spans => $"trace {traceId} incomplete: {string.Join(", ", spans.Select(s => $"{s.Service}:{s.Name}"))}");

    private static string ActivityTraceIdHex() => System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();

    private static async Task<string> ScrapeAsync(HttpClient client) => await client.GetStringAsync("/metrics", Token);

    /// <summary>A request is counted after its response has gone out, so a scrape right after it may not see it yet.</summary>
    private static Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done) =>
        Eventually.ReadAsync(() => ScrapeAsync(client), done, TimeSpan.FromSeconds(10), metrics => $"/metrics still reads:\n{metrics}");

    private static double Value(string metrics, string name, string result)
    {
        var match = Regex.Match(metrics, $"(?m)^{name}\\{{[^}}]*result=\"{result}\"[^}}]*\\}} ([0-9.e+]+)");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
