// The dashboard's benchmark: `serve` runs an AppHost with no resources (only its dashboard and OTLP receiver, the
// store at its default limits) and waits; `load` fills that store over OTLP/HTTP protobuf as fast as it accepts,
// then measures the receiver's memory and the traces API and page with the store full. run.sh pins each to its own
// core, so the receiver's numbers are one core's.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Logs;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Metrics;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Trace;
using Nuzantara.Hosting.Dashboard.Otlp.Common;
using Nuzantara.Hosting.Dashboard.Otlp.Logs;
using Nuzantara.Hosting.Dashboard.Otlp.Metrics;
using Nuzantara.Hosting.Dashboard.Otlp.Trace;
using Nuzantara.Hosting.Orchestration;
using Aspire.Hosting.Testing;
using OtlpResource = Nuzantara.Hosting.Dashboard.Otlp.Resource.Resource;

return args.FirstOrDefault() switch
{
    "serve" => await ServeAsync(),
    "load" => await LoadAsync(JsonDocument.Parse(args[1]).RootElement),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: serve | load '<json printed by serve>'  (run.sh does both)");
    return 2;
}

static async Task<int> ServeAsync()
{
    // Warnings only: nobody reads serve's stdout after its first line, and a full pipe would stall the receiver.
    await using var builder = DistributedApplicationTestingBuilder.Create("--Logging:LogLevel:Default=Warning");
    await using var app = await builder.BuildAsync();
    await app.StartAsync();
    var options = app.Services.GetRequiredService<HostingOptions>();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        pid = Environment.ProcessId,
        dashboard = $"http://127.0.0.1:{options.DashboardPort}",
        otlp = $"http://127.0.0.1:{options.OtlpHttpPort}",
        apiKey = app.Services.GetRequiredService<OtlpSettings>().ApiKey,
    }));
    // Until run.sh closes stdin.
    await Console.In.ReadToEndAsync();
    return 0;
}

static async Task<int> LoadAsync(JsonElement server)
{
    const int TracesPerBatch = 100, SpansPerTrace = 5, Senders = 4;
    var seconds = int.Parse(Environment.GetEnvironmentVariable("SECONDS_OF_LOAD") ?? "15", CultureInfo.InvariantCulture);
    var pid = server.GetProperty("pid").GetInt32();
    using var otlp = Client(server.GetProperty("otlp").GetString()!, server.GetProperty("apiKey").GetString()!);
    using var dashboard = Client(server.GetProperty("dashboard").GetString()!, server.GetProperty("apiKey").GetString()!);
    Report("receiver RSS, empty", $"{Rss(pid):0} MiB");

    // 300 distinct batches = 30,000 trace ids, three times the limit: a batch comes round again after its traces were dropped.
    var batches = Enumerable.Range(0, 300).Select(b => TraceBatch(b, TracesPerBatch, SpansPerTrace).ToByteArray()).ToArray();
    long sent = 0;
    var clock = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(seconds);
    var latencies = new List<double>();
    await Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
    {
        for (var i = sender; clock.Elapsed < deadline; i += Senders)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await otlp.PostAsync("/v1/traces", Protobuf(batches[i % batches.Length]));
            response.EnsureSuccessStatusCode();
            lock (latencies)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            Interlocked.Add(ref sent, TracesPerBatch * SpansPerTrace);
        }
    }));
    Report("OTLP/HTTP protobuf ingest", $"{sent / clock.Elapsed.TotalSeconds:N0} spans/s ({sent:N0} spans in {clock.Elapsed.TotalSeconds:0.0} s, {Senders} senders, {TracesPerBatch * SpansPerTrace} spans a request)");
    Report("export request latency", Percentiles(latencies));

    for (var b = 0; b < 10; b++)
    {
        (await otlp.PostAsync("/v1/logs", Protobuf(LogBatch(b, 1_000).ToByteArray()))).EnsureSuccessStatusCode();
    }

    for (var b = 0; b < 50; b++)
    {
        (await otlp.PostAsync("/v1/metrics", Protobuf(MetricBatch(b, 1_000).ToByteArray()))).EnsureSuccessStatusCode();
    }

    var telemetry = await dashboard.GetStringAsync("/api/telemetry");
    Report("store", telemetry);
    // Let the receiver's gen-2 collection catch up before reading its resident size.
    await Task.Delay(3000);
    Report("receiver RSS, store full", $"{Rss(pid):0} MiB");

    foreach (var path in new[] { "/api/traces", "/api/traces?resource=svc-3", "/api/traces?status=error", "/api/traces?status=error&resource=svc-7", $"/api/traces/{TraceId(299, 99)}", "/api/logs?text=needle", "/traces" })
    {
        var times = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await dashboard.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 10)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Report($"GET {path}", Percentiles(times));
    }

    return 0;
}

static HttpClient Client(string baseAddress, string apiKey)
{
    var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
    client.DefaultRequestHeaders.Add("x-otlp-api-key", apiKey);
    return client;
}

static ByteArrayContent Protobuf(byte[] body)
{
    var content = new ByteArrayContent(body);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
    return content;
}

static string TraceId(int batch, int trace) => $"{batch:x8}{trace:x8}{0:x16}";

// A request through three services: a server span, two client spans and two downstream server spans, with the
// attributes ASP.NET Core's instrumentation sets; one trace in fifty ends in an error.
static ExportTraceServiceRequest TraceBatch(int batch, int traces, int spansPerTrace)
{
    var request = new ExportTraceServiceRequest();
    for (var service = 0; service < 10; service++)
    {
        var scope = new ScopeSpans();
        for (var t = service; t < traces; t += 10)
        {
            var traceId = ByteString.CopyFrom(Convert.FromHexString(TraceId(batch, t)));
            var start = 1_700_000_000_000_000_000UL + ((ulong)((batch * traces) + t) * 1_000_000);
            for (var s = 0; s < spansPerTrace; s++)
            {
                var span = new Span
                {
                    TraceId = traceId,
                    SpanId = ByteString.CopyFrom(BitConverter.GetBytes((long)(s + 1))),
                    ParentSpanId = s == 0 ? ByteString.Empty : ByteString.CopyFrom(BitConverter.GetBytes(1L)),
                    Name = s == 0 ? "GET /api/search" : $"GET /api/step{s}",
                    Kind = s % 2 == 0 ? Span.Types.SpanKind.Server : Span.Types.SpanKind.Client,
                    StartTimeUnixNano = start + ((ulong)s * 100_000),
                    EndTimeUnixNano = start + 5_000_000 - ((ulong)s * 100_000),
                    Status = new Status { Code = t % 50 == 0 && s == 0 ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Unset },
                };
                span.Attributes.Add(Attribute("http.request.method", "GET"));
                span.Attributes.Add(Attribute("url.path", "/api/search"));
                span.Attributes.Add(Attribute("http.route", "/api/search"));
                span.Attributes.Add(Attribute("server.address", "127.0.0.1"));
                span.Attributes.Add(new KeyValue { Key = "http.response.status_code", Value = new AnyValue { IntValue = 200 } });
                scope.Spans.Add(span);
            }
        }

        var resourceSpans = new ResourceSpans { Resource = ServiceResource(service) };
        resourceSpans.ScopeSpans.Add(scope);
        request.ResourceSpans.Add(resourceSpans);
    }

    return request;
}

static ExportLogsServiceRequest LogBatch(int batch, int count)
{
    var scope = new ScopeLogs();
    for (var i = 0; i < count; i++)
    {
        scope.LogRecords.Add(new LogRecord
        {
            TimeUnixNano = 1_700_000_000_000_000_000UL + (ulong)((batch * count) + i),
            SeverityText = "Information",
            Body = new AnyValue { StringValue = $"Handled search {batch}/{i} in 4 ms" },
            TraceId = ByteString.CopyFrom(Convert.FromHexString(TraceId(batch, i % 100))),
        });
    }

    var resourceLogs = new ResourceLogs { Resource = ServiceResource(batch % 10) };
    resourceLogs.ScopeLogs.Add(scope);
    var request = new ExportLogsServiceRequest();
    request.ResourceLogs.Add(resourceLogs);
    return request;
}

static ExportMetricsServiceRequest MetricBatch(int batch, int count)
{
    var gauge = new Gauge();
    for (var i = 0; i < count; i++)
    {
        var point = new NumberDataPoint { TimeUnixNano = 1_700_000_000_000_000_000UL + (ulong)((batch * count) + i), AsDouble = i };
        point.Attributes.Add(Attribute("route", $"/api/{i % 20}"));
        gauge.DataPoints.Add(point);
    }

    var scope = new ScopeMetrics();
    scope.Metrics.Add(new Metric { Name = "bench.gauge", Gauge = gauge });
    var resourceMetrics = new ResourceMetrics { Resource = ServiceResource(batch % 10) };
    resourceMetrics.ScopeMetrics.Add(scope);
    var request = new ExportMetricsServiceRequest();
    request.ResourceMetrics.Add(resourceMetrics);
    return request;
}

static OtlpResource ServiceResource(int service)
{
    var resource = new OtlpResource();
    resource.Attributes.Add(Attribute("service.name", $"svc-{service}"));
    return resource;
}

static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

static double Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();

static string Percentiles(List<double> times)
{
    times.Sort();
    double At(double q) => times[Math.Min(times.Count - 1, (int)(q * times.Count))];
    return $"p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, max {times[^1]:0.0} ms (n={times.Count})";
}

static void Report(string what, string value) => Console.WriteLine($"{what,-42} {value}");
