using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.ServiceDefaults.Telemetry;

/// <summary>
/// The OTLP exporters take their HttpClients from IHttpClientFactory, so ConfigureHttpClientDefaults gives them the
/// standard resilience handler too. That handler logged every export batch as a Polly "Execution attempt" at Information,
/// which the log exporter then exported in turn (a feedback loop, ~16 lines a second under load), and the export path
/// took ~7 % of a saturated core instead of ~2.5 %. The exporters have their own timeout, and a lost batch of telemetry
/// must not be retried at the cost of the requests being served.
/// </summary>
internal static class OtlpExporterHttpClients
{
    /// <summary>The named clients OpenTelemetry.Exporter.OpenTelemetryProtocol asks the factory for, one per signal.</summary>
    private static readonly string[] Names = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    public static IServiceCollection AddOtlpExportersWithoutResilience(this IServiceCollection services)
    {
        foreach (var name in Names)
        {
            // Experimental in Microsoft.Extensions.Http.Resilience, and the package's documented way to opt one client out.
#pragma warning disable EXTEXP0001
            services.AddHttpClient(name).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }

        return services;
    }
}
