using System.Diagnostics;
using System.Net;
using System.Text;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard.Telemetry;
using Nuzantara.Hosting.Orchestration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Nuzantara.Hosting.Tests.Dashboard;

/// <summary>The AppHost's OTLP receiver, fed by the real OpenTelemetry .NET exporter and by raw OTLP/HTTP.</summary>
public sealed class OtlpReceiverTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spans_exported_over_gRPC_with_the_api_key_are_stored()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var (options, apiKey, store) = Receiver(app);
        using var source = new ActivitySource("receiver-test");
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("receiver-test")
            .ConfigureResource(r => r.AddService("checkout"))
            .AddOtlpExporter(o =>
            {
                o.Endpoint = new Uri($"http://127.0.0.1:{options.OtlpGrpcPort}");
                o.Protocol = OtlpExportProtocol.Grpc;
                o.Headers = $"x-otlp-api-key={apiKey}";
            })
            .Build())
        {
            // As a service's exporter retries (OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY), an export the loaded CI machine lost
            // in transport is sent again: once in a full CI run the flush reported done and nothing had arrived.
            for (var attempt = 0; attempt < 3 && store.GetTraces().Count == 0; attempt++)
            {
                using (source.StartActivity("charge card", ActivityKind.Server)?.SetTag("amount", 42))
                {
                }

                Assert.True(tracing.ForceFlush(5000));
            }
        }

        var span = Assert.Single(store.GetTraces().First());
        Assert.Equal("checkout", span.Service);
        Assert.Equal("charge card", span.Name);
        Assert.Equal("Server", span.Kind);
        Assert.Equal("42", span.Attributes["amount"]);
    }

    [Fact]
    public async Task OTLP_JSON_with_hex_ids_is_stored_under_the_same_trace_id()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var (options, apiKey, store) = Receiver(app);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.OtlpHttpPort}") };
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"python-backend"}}]},
              "scopeSpans":[{"spans":[{"traceId":"{{{traceId}}}","spanId":"00f067aa0ba902b7","parentSpanId":"a2fb4a1d1a96d312",
                "name":"POST /api/rank","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000005000000",
                "attributes":[{"key":"http.status_code","value":{"intValue":"200"}}],"status":{"code":1}}]}]}]}
            """;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-otlp-api-key", apiKey);
        using var response = await http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = Assert.Single(store.GetTrace(traceId));
        Assert.Equal("a2fb4a1d1a96d312", span.ParentSpanId);
        Assert.Equal("python-backend", span.Service);
        Assert.Equal(TimeSpan.FromMilliseconds(5), span.Duration);
        Assert.Equal("200", span.Attributes["http.status_code"]);
    }

    [Fact]
    public async Task Exports_without_the_key_or_malformed_are_refused_and_store_nothing()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var (options, apiKey, store) = Receiver(app);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.OtlpHttpPort}") };

        async Task<HttpResponseMessage> PostAsync(string? key, byte[] body, string contentType)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new(contentType);
            if (key is not null)
            {
                request.Headers.Add("x-otlp-api-key", key);
            }

            return await http.SendAsync(request, Token);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(null, [], "application/x-protobuf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("wrong-key", [], "application/x-protobuf")).StatusCode);

        var malformed = await PostAsync(apiKey, [0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01], "application/x-protobuf");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var brokenJson = await PostAsync(apiKey, Encoding.UTF8.GetBytes("{\"resourceSpans\":[{"), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, brokenJson.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync(apiKey, Encoding.UTF8.GetBytes("spans"), "text/plain")).StatusCode);

        using var source = new ActivitySource("intruder");
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("intruder")
            .AddOtlpExporter(o => { o.Endpoint = new Uri($"http://127.0.0.1:{options.OtlpGrpcPort}"); o.Protocol = OtlpExportProtocol.Grpc; })
            .Build())
        {
            source.StartActivity("sneaky")?.Dispose();
            // The flush completes either way; what matters is that the refused export stored nothing.
            Assert.True(tracing.ForceFlush(5000));
        }

        Assert.Equal(0, store.Counts.Spans);
    }

    [Fact]
    public void The_store_keeps_its_limit_by_dropping_the_oldest_and_counting()
    {
        var store = new TelemetryStore(new Nuzantara.Hosting.Dashboard.DashboardOptions { MaxTraceCount = 2, MaxLogCount = 2 });
        foreach (var trace in new[] { "a", "b", "c" })
        {
            store.AddSpans([new StoredSpan("svc", trace, "s1", null, "op", "Server", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "Unset", new Dictionary<string, string>(), [])]);
            store.AddLogs([new StoredLog("svc", DateTimeOffset.UnixEpoch, "Information", trace, null, null, new Dictionary<string, string>())]);
        }

        Assert.Empty(store.GetTrace("a"));
        Assert.Equal(["c", "b"], store.GetTraces().Select(t => t[0].TraceId));
        Assert.Equal(["c", "b"], store.GetLogs().Select(l => l.Message));
        Assert.Equal(1, store.Counts.DroppedTraces);
        Assert.Equal(1, store.Counts.DroppedLogs);
    }

    private static (HostingOptions Options, string ApiKey, TelemetryStore Store) Receiver(DistributedApplication app) =>
        (app.Services.GetRequiredService<HostingOptions>(), app.Services.GetRequiredService<OtlpSettings>().ApiKey, app.Services.GetRequiredService<TelemetryStore>());
}
