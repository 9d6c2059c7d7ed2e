using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace Nuzantara.Services.Tests;

/// <summary>
/// Telemetry export must not go through the resilience pipeline every other HttpClient gets: it logged each export batch,
/// which was exported in turn, and retried telemetry at the cost of the requests being served.
/// </summary>
public sealed class TelemetryExportClientTests
{
    [Theory]
    [InlineData("OtlpTraceExporter")]
    [InlineData("OtlpMetricExporter")]
    [InlineData("OtlpLogExporter")]
    public async Task The_OTLP_exporters_clients_have_no_resilience_handler_while_other_clients_keep_theirs(string exporterClient)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318";
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        var handlers = app.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        Assert.DoesNotContain(Chain(handlers.CreateHandler(exporterClient)), handler => handler is ResilienceHandler);
        Assert.Contains(Chain(handlers.CreateHandler("backend")), handler => handler is ResilienceHandler);
    }

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            yield return current;
        }
    }
}
