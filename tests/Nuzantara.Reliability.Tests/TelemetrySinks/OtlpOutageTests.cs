using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>
/// The OTLP receiver a service exports to is gone, slow or failing: the service's callers must not notice (latency within
/// noise of a service whose receiver is fine) and its memory must stay bounded (the exporters' queues drop, not grow).
/// One orchestrator process per receiver, all started by the engine as the AppHost starts them (gRPC, 1 s export
/// intervals), each loaded in turn.
/// </summary>
[Collection(nameof(SinkMeasurementsCollection))]
public sealed class OtlpOutageTests(ITestOutputHelper output)
{
    private const int Requests = 2000;
    private const int Concurrency = 4;
    private const long MemoryAllowance = 64 * 1024 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gone_slow_or_failing_receiver_costs_callers_no_latency_and_the_service_no_unbounded_memory()
    {
        await using var normal = await StandInReceiver.StartAsync(HttpProtocols.Http2, AnswerOk);
        await using var slow = await StandInReceiver.StartSlowAsync(HttpProtocols.Http2, TimeSpan.FromSeconds(5), AnswerOk);
        await using var failing = await StandInReceiver.StartAsync(HttpProtocols.Http2, context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var receivers = new Dictionary<string, Uri>
        {
            ["otlp-normal"] = normal.Address,
            ["otlp-closed-port"] = StandInReceiver.ClosedPort(),
            ["otlp-slow-5s"] = slow.Address,
            ["otlp-503"] = failing.Address,
        };

        await using var builder = DistributedApplicationTestingBuilder.Create();
        foreach (var (name, receiver) in receivers)
        {
            builder.AddProject<Projects.Nuzantara_Orchestrator>(name)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.ToString().TrimEnd('/'))
                .WithHttpHealthCheck("/health/live");
        }

        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        foreach (var name in receivers.Keys)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, Token).WaitAsync(TimeSpan.FromMinutes(2), Token);
        }

        // Two rounds, the normal receiver before, between and after the others: the baseline.
        var results = new List<SinkRun>();
        foreach (var name in receivers.Keys.Concat(receivers.Keys).Append("otlp-normal"))
        {
            results.Add(await LoadAsync(app, name));
        }

        output.WriteLine($"exports received: normal {normal.Requests}, slow {slow.Requests}, failing {failing.Requests}");
        Assert.True(normal.Requests > 0, "the normal receiver got no export: the services do not export where they are told to");
        Assert.True(slow.Requests > 0 && failing.Requests > 0, $"the slow ({slow.Requests}) or failing ({failing.Requests}) receiver was never tried");
        SinkRun.AssertNoneWorseThan("otlp-normal", results, MemoryAllowance, "RSS");
    }

    /// <summary>A warm-up, then the bounded load; RSS growth is measured over the load and the export intervals after it.</summary>
    private async Task<SinkRun> LoadAsync(DistributedApplication app, string name)
    {
        using var client = app.CreateHttpClient(name);
        var pid = app.ResourceNotifications.GetSnapshot(name)!.ProcessId!.Value;
        await Latency.MeasureAsync(client, "/api/example", 300, Concurrency, Token);
        var before = ProcessMemory.ResidentBytes(pid);
        var latency = await Latency.MeasureAsync(client, "/api/example", Requests, Concurrency, Token);
        // Long enough for the batch processors to try exporting what the load produced (1 s schedule, 5 s slow answers).
        await Task.Delay(TimeSpan.FromSeconds(2), Token);
        var growth = ProcessMemory.ResidentBytes(pid) - before;
        output.WriteLine($"{name}: {latency}, RSS {before / 1048576.0:0.0} MB -> {(before + growth) / 1048576.0:0.0} MB");
        return new SinkRun(name, latency, growth);
    }

    /// <summary>An empty Export*ServiceResponse in gRPC's framing: OK.</summary>
    private static async Task AnswerOk(HttpContext context)
    {
        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
        await context.Response.Body.WriteAsync(new byte[5], context.RequestAborted);
    }
}
