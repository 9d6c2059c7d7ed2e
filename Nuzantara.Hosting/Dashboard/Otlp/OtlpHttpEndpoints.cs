using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Logs;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Metrics;
using Nuzantara.Hosting.Dashboard.Otlp.Collector.Trace;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP: <c>POST /v1/traces|metrics|logs</c>, protobuf or JSON, answered in kind; bad input is a 4xx problem. What is
/// stored is also handed to the <see cref="IOtlpExportForwarder"/> when there is one (Grafana Cloud without Alloy).
/// </summary>
internal static class OtlpHttpEndpoints
{
    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";

    public static void MapOtlpHttp(this IEndpointRouteBuilder app, string host)
    {
        app.MapPost("/v1/traces", (HttpContext context, TelemetryStore store) =>
            ExportAsync(context, "traces", ExportTraceServiceRequest.Parser, r => store.AddSpans(OtlpMapper.Spans(r)), new ExportTraceServiceResponse())).RequireHost(host);
        app.MapPost("/v1/metrics", (HttpContext context, TelemetryStore store) =>
            ExportAsync(context, "metrics", ExportMetricsServiceRequest.Parser, r => store.AddMetricPoints(OtlpMapper.MetricPoints(r)), new ExportMetricsServiceResponse())).RequireHost(host);
        app.MapPost("/v1/logs", (HttpContext context, TelemetryStore store) =>
            ExportAsync(context, "logs", ExportLogsServiceRequest.Parser, r => store.AddLogs(OtlpMapper.Logs(r)), new ExportLogsServiceResponse())).RequireHost(host);
    }

    private static async Task<IResult> ExportAsync<TRequest, TResponse>(HttpContext context, string signal, MessageParser<TRequest> parser, Action<TRequest> store, TResponse response)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>
    {
        var apiKey = context.RequestServices.GetService(typeof(OtlpApiKey)) as OtlpApiKey;
        if (apiKey is null || !apiKey.IsValid(context.Request.Headers[OtlpApiKey.HeaderName]))
        {
            return Results.Problem(statusCode: 401, title: "Unauthorized", detail: $"A valid {OtlpApiKey.HeaderName} header is required.");
        }

        var options = (DashboardOptions)context.RequestServices.GetService(typeof(DashboardOptions))!;
        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            return TooLarge(options);
        }

        var contentType = context.Request.ContentType?.Split(';')[0].Trim();
        if (contentType is not (Protobuf or Json))
        {
            return Results.Problem(statusCode: 415, title: "Unsupported Media Type", detail: $"Send {Protobuf} or {Json}.");
        }

        using var body = new MemoryStream();
        try
        {
            await CopyBoundedAsync(context.Request.Body, body, options.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return TooLarge(options);
        }

        TRequest request;
        try
        {
            request = contentType == Protobuf
                ? parser.ParseFrom(body.ToArray())
                : OtlpJson.Parse<TRequest>(System.Text.Encoding.UTF8.GetString(body.ToArray()));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or System.Text.Json.JsonException or FormatException)
        {
            return Results.Problem(statusCode: 400, title: "Malformed OTLP payload", detail: ex.Message);
        }

        store(request);
        (context.RequestServices.GetService(typeof(IOtlpExportForwarder)) as IOtlpExportForwarder)?.Enqueue(signal, body.ToArray(), contentType);
        return contentType == Protobuf
            ? Results.Bytes(response.ToByteArray(), Protobuf)
            : Results.Text(JsonFormatter.Default.Format(response), Json);
    }

    private static IResult TooLarge(DashboardOptions options) =>
        Results.Problem(statusCode: 413, title: "Payload Too Large", detail: $"OTLP bodies are limited to {options.MaxRequestBodyBytes} bytes (Nuzantara:Dashboard:MaxRequestBodyBytes).");

    private static async Task CopyBoundedAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new InvalidDataException();
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
