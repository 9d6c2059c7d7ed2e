using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Dashboard.Otlp;
using Nuzantara.Hosting.Monitoring;

namespace Nuzantara.Hosting;

/// <summary>Grafana Cloud, through Grafana Alloy where it can be had and directly where it cannot.</summary>
public static class GrafanaCloudBuilderExtensions
{
    /// <summary>
    /// Ships the stack's metrics, traces and logs to Grafana Cloud (<see cref="GrafanaCloudSettings"/>). With Alloy
    /// (<see cref="GrafanaAlloyBuilderExtensions.AddGrafanaAlloy"/>, named <paramref name="alloyName"/>) when
    /// <c>Nuzantara:GrafanaCloud:Forwarder</c> says so, or, on <c>auto</c>, when the runtime can have it
    /// (<see cref="GrafanaAlloyAvailability"/>) or the model is being published. Otherwise, directly: Prometheus
    /// remote-writes its series and the AppHost's OTLP receiver forwards what the services export, host logs are not
    /// shipped, and the AppHost says so in one warning at start. Call it after the resources whose telemetry it ships.
    /// </summary>
    public static void AddGrafanaCloud(this IDistributedApplicationBuilder builder, string alloyName, IResourceBuilder<PrometheusResource> prometheus)
    {
        GrafanaCloudSettings.ThrowIfEndpointsMissing(builder.Configuration, $"Grafana Cloud (Alloy '{alloyName}' or its direct path)");
        var options = builder.Configuration.GetSection(GrafanaCloudOptions.SectionName).Get<GrafanaCloudOptions>() ?? new GrafanaCloudOptions();
        var whyDirect = GrafanaCloudForwarding.WhyDirect(options.Forwarder, builder.ExecutionContext.IsPublishMode,
            () => GrafanaAlloyAvailability.WhyUnavailable(builder.Configuration, GrafanaAlloyBuilderExtensions.Image));
        if (whyDirect is null)
        {
            builder.AddGrafanaAlloy(alloyName, prometheus);
            return;
        }

        var configuration = builder.Configuration;
        prometheus.WithRemoteWrite("grafana-cloud", configuration[GrafanaCloudSettings.PrometheusUrl]!, configuration[GrafanaCloudSettings.Username]!, GrafanaCloudSettings.ApiKey);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services =>
        {
            // Read when the AppHost starts, from the same settings as the secret parameters Alloy would have had.
            var settings = services.GetRequiredService<IConfiguration>();
            var username = settings[GrafanaCloudSettings.OtlpUsername] is { Length: > 0 } otlpUser ? otlpUser : settings[GrafanaCloudSettings.Username]!;
            return new OtlpForwardingTarget(settings[GrafanaCloudSettings.OtlpUrl]!, username, settings[GrafanaCloudSettings.ApiKey]!);
        });
        builder.Services.AddHttpClient(OtlpForwarder.HttpClientName)
            // Each forward would otherwise log two lines at Information.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler(resilience => resilience.Retry.MaxRetryAttempts = 2);
        // Polly logs every failed attempt with its stack trace; the forwarder's own warning and counter report drops.
        builder.Services.AddLogging(logging => logging.AddFilter("Polly", LogLevel.None));
        builder.Services.AddSingleton<OtlpForwarder>();
        builder.Services.AddSingleton<IOtlpExportForwarder>(services => services.GetRequiredService<OtlpForwarder>());
        builder.Services.AddHostedService(services => services.GetRequiredService<OtlpForwarder>());
        builder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
        {
            started.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GrafanaCloudBuilderExtensions))
                .LogWarning(GrafanaCloudForwarding.DirectWarning, whyDirect);
            return Task.CompletedTask;
        });
    }
}
