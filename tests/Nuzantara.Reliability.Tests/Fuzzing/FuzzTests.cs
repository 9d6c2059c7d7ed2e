using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Reliability.Tests.Fuzzing;

/// <summary>
/// Thousands of hostile requests, seeded and bounded, to every public endpoint of the three services, to the AppHost's
/// OTLP receiver and to its dashboard API: none may get a 5xx or take a service down, and the services answer correctly
/// afterwards.
/// </summary>
public sealed class FuzzTests(RunningStack stack, ITestOutputHelper output) : IClassFixture<RunningStack>
{
    private const int RequestsPerTarget = 400;

    /// <summary>Fewer per dashboard route: 33 targets (11 routes, three callers) behind one access check and one JSON layer.</summary>
    private const int RequestsPerDashboardTarget = 200;

    private const string ValidDocument = """{"title":"fuzz","body":"a body","tags":["fuzz"]}""";

    private const string ValidRank = """{"query":"redis cache","documents":[{"id":1,"title":"redis","body":"cache"},{"id":2,"title":"postgres","body":"sql"}],"limit":2}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?> Targets => new()
    {
        { "orchestrator", "/api/example", null },
        { "orchestrator", "/api/search?q=redis", null },
        { "orchestrator", "/api/documents", ValidDocument },
        { "orchestrator", "/api/documents/1", ValidDocument },
        { "backend", "/api/documents", ValidDocument },
        { "backend", "/api/documents/1", ValidDocument },
        { "backend", "/api/example", null },
        { "backend", "/health", null },
        { "python-backend", "/api/rank", ValidRank },
        { "python-backend", "/health", null },
        { "python-backend", "/metrics", null },
    };

    /// <summary>The dashboard's JSON API (docs/dashboard.md), each route as a script (API key), a browser (session cookie) and a stranger.</summary>
    public static TheoryData<string, string> DashboardTargets
    {
        get
        {
            string[] routes =
            [
                "/api/resources", "/api/resources/backend/console?after=0", "/api/resources/no-such-resource/commands/restart", "/api/traces?resource=backend&status=error&limit=5",
                "/api/traces/0123456789abcdef0123456789abcdef", "/api/logs?level=warning&limit=10", "/api/metrics", "/api/metrics/backend/http.server.request.duration",
                "/api/alerts", "/api/targets", "/api/telemetry",
            ];
            var targets = new TheoryData<string, string>();
            foreach (var route in routes)
            {
                foreach (var caller in new[] { "api-key", "session", "none" })
                {
                    targets.Add(route, caller);
                }
            }

            return targets;
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Hostile_requests_get_client_errors_and_the_service_keeps_answering(string service, string route, string? validBody)
    {
        using var client = stack.App.CreateHttpClient(service);
        var seed = StableSeed(service + route);
        var failures = await FuzzAsync(client, seed, route, validBody);

        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} server errors, e.g.\n{string.Join("\n", failures.Take(5))}\n" +
            $"{service} said:\n{string.Join("\n", stack.App.ResourceLogs.GetLines(service).TakeLast(40).Select(l => l.Text))}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Token)).StatusCode);
        var check = service == "python-backend"
            ? await client.PostAsync("/api/rank", new StringContent(ValidRank, Encoding.UTF8, "application/json"), Token)
            : await client.GetAsync("/api/example", Token);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DashboardTargets))]
    public async Task The_dashboard_api_rejects_hostile_requests_without_a_server_error_and_serves_nothing_without_credentials(string route, string caller)
    {
        var dashboard = new DashboardClients(stack.App);
        using var client = caller switch
        {
            "api-key" => dashboard.WithApiKey(),
            "session" => await dashboard.LoggedInAsync(Token),
            _ => dashboard.Anonymous(),
        };
        var seed = StableSeed(route + caller);

        // A stranger gets nothing: 401 under /api/, a redirect to the login page for a path that left it (../), a refusal for junk.
        Func<int, bool> acceptable = caller == "none" ? status => status is < 200 or >= 300 and < 500 : status => status < 500;
        var failures = await FuzzAsync(client, seed, route, validBody: null, RequestsPerDashboardTarget, acceptable);

        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} unacceptable answers, e.g.\n{string.Join("\n", failures.Take(5))}");
        using var check = await client.GetAsync("/api/telemetry", Token);
        Assert.Equal(caller == "none" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, check.StatusCode);
    }

    [Theory]
    [InlineData("/v1/traces")]
    [InlineData("/v1/metrics")]
    [InlineData("/v1/logs")]
    public async Task The_OTLP_receiver_rejects_hostile_exports_without_a_server_error(string route)
    {
        var options = stack.App.Services.GetRequiredService<HostingOptions>();
        var apiKey = stack.App.Services.GetRequiredService<OtlpSettings>().ApiKey;
        using var client = new HttpClient { BaseAddress = new Uri($"http://{options.BindAddress}:{options.OtlpHttpPort}") };
        client.DefaultRequestHeaders.Add("x-otlp-api-key", apiKey);

        var failures = await FuzzAsync(client, StableSeed(route), route, """{"resourceSpans":[]}""");

        Assert.True(failures.IsEmpty, $"{failures.Count} server errors, e.g.\n{string.Join("\n", failures.Take(5))}");
    }

    /// <summary>FNV-1a: string.GetHashCode differs between runs, and a failure must replay with the seed it printed.</summary>
    private static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }

    private Task<ConcurrentBag<string>> FuzzAsync(HttpClient client, int seed, string route, string? validBody) =>
        FuzzAsync(client, seed, route, validBody, RequestsPerTarget, status => status < 500);

    private async Task<ConcurrentBag<string>> FuzzAsync(HttpClient client, int seed, string route, string? validBody, int count, Func<int, bool> acceptable)
    {
        var generator = new MalformedRequests(seed);
        var requests = Enumerable.Range(0, count).Select(_ => generator.Next(route, validBody)).ToList();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Token }, async (request, ct) =>
        {
            // One connection per request: a server that closes a connection after refusing an unread body must not
            // fail the next request that happened to share it.
            request.Headers.ConnectionClose = true;
            var description = $"{request.Method} {request.RequestUri} ({request.Content?.Headers.ContentLength ?? 0} bytes, {request.Content?.Headers.ContentType})";
            try
            {
                using var response = await client.SendAsync(request, ct);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (!acceptable((int)response.StatusCode))
                {
                    var body = await response.Content.ReadAsStringAsync(ct);
                    failures.Add($"{(int)response.StatusCode} for {description}: {body[..Math.Min(body.Length, 300)]}");
                }
            }
            catch (HttpRequestException) when (request.Content?.Headers.ContentLength > 64 * 1024)
            {
                // A server may answer and close without reading a large body it refuses (Kestrel drains only so much);
                // the client, still sending, sees the connection go. That is a refusal, not a failure.
                statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"connection failed for {description}: {ex.Message}");
            }
            finally
            {
                request.Dispose();
            }
        });

        output.WriteLine($"{route} seed {seed}: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "closed" : s.Key.ToString())}×{s.Value}"))}");
        return failures;
    }
}
