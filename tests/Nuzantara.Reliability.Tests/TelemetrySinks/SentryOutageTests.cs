using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>
/// Sentry's endpoint is gone or slow while a service built on ServiceDefaults throws: the service's normal requests keep
/// their latency and the SDK's queue keeps memory bounded. The service runs in the test process, as in
/// tests/Nuzantara.Services.Tests/SentryTests.cs, so its memory is this process's managed heap after a full collection.
/// </summary>
[Collection(nameof(SinkMeasurementsCollection))]
public sealed class SentryOutageTests(ITestOutputHelper output)
{
    private const int NormalRequests = 2000;
    private const int FailingRequests = 500;
    private const int Concurrency = 4;
    private const long MemoryAllowance = 32 * 1024 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gone_or_slow_sentry_costs_normal_requests_no_latency_and_the_service_no_unbounded_memory()
    {
        await using var normal = await StandInReceiver.StartAsync(HttpProtocols.Http1, AnswerAccepted);
        await using var slow = await StandInReceiver.StartSlowAsync(HttpProtocols.Http1, TimeSpan.FromSeconds(5), AnswerAccepted);

        var results = new List<SinkRun> { await LoadAsync("sentry-normal", normal.Address) };
        for (var round = 0; round < 2; round++)
        {
            results.Add(await LoadAsync("sentry-closed-port", StandInReceiver.ClosedPort()));
            results.Add(await LoadAsync("sentry-slow-5s", slow.Address));
            results.Add(await LoadAsync("sentry-normal", normal.Address));
        }

        output.WriteLine($"envelopes received: normal {normal.Requests}, slow {slow.Requests}");
        Assert.True(normal.Requests > 0 && slow.Requests > 0, $"Sentry was not tried: normal receiver {normal.Requests}, slow {slow.Requests} envelopes");
        SinkRun.AssertNoneWorseThan("sentry-normal", results, MemoryAllowance, "managed heap");
    }

    /// <summary>Failing requests in the background while normal ones are timed; the heap is compared after a full collection.</summary>
    private async Task<SinkRun> LoadAsync(string name, Uri sentry)
    {
        await using var service = await StartServiceAsync($"http://public@{sentry.Authority}/1");
        using var client = new HttpClient { BaseAddress = new Uri(service.Urls.First()) };
        await Latency.MeasureAsync(client, "/ok", 300, Concurrency, Token);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var failures = Parallel.ForEachAsync(Enumerable.Range(0, FailingRequests), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = Token }, async (_, ct) =>
        {
            using var response = await client.GetAsync("/fail", ct);
            Assert.Equal(StatusCodes.Status500InternalServerError, (int)response.StatusCode);
        });
        var latency = await Latency.MeasureAsync(client, "/ok", NormalRequests, Concurrency, Token);
        await failures;

        var growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"{name}: normal requests {latency} beside {FailingRequests} failing ones, managed heap {before / 1048576.0:0.0} MB -> {(before + growth) / 1048576.0:0.0} MB");
        return new SinkRun(name, latency, growth);
    }

    /// <summary>A service the way the backend is built, with a route that throws and one that does not.</summary>
    private static async Task<WebApplication> StartServiceAsync(string dsn)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "Nuzantara.Reliability.Tests" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["SENTRY_DSN"] = dsn;
        // Five hundred stack traces on the test's console say nothing the assertions do not.
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/ok", () => Results.Ok(new { data = "example" }));
        app.MapGet("/fail", string () => throw new NotSupportedException("a bug in a handler"));
        await app.StartAsync(Token);
        return app;
    }

    /// <summary>What sentry.io answers to an envelope it accepted.</summary>
    private static Task AnswerAccepted(HttpContext context) => context.Response.WriteAsJsonAsync(new { id = Guid.NewGuid().ToString("N") }, context.RequestAborted);
}
