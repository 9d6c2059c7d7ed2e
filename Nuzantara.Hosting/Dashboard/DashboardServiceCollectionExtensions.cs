using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Dashboard.Api;
using Nuzantara.Hosting.Dashboard.Otlp;
using Nuzantara.Hosting.Dashboard.Security;
using Nuzantara.Hosting.Dashboard.Telemetry;
using Nuzantara.Hosting.Dashboard.Web;
using Nuzantara.Hosting.Orchestration;
using OpenTelemetry.Metrics;

namespace Nuzantara.Hosting.Dashboard;

/// <summary>The services of the dashboard's web host (<see cref="DashboardServer"/>).</summary>
internal static class DashboardServiceCollectionExtensions
{
    /// <summary>What the dashboard shows and changes is the AppHost's: these are its own instances, not copies.</summary>
    private static readonly Type[] SharedWithAppHost =
    [
        typeof(TelemetryStore), typeof(DashboardOptions), typeof(ResourceNotificationService), typeof(ResourceLoggerService),
        typeof(ResourceCommandService), typeof(DistributedApplicationModel), typeof(DashboardBrowserToken), typeof(OtlpSettings),
        typeof(AlertInbox),
    ];

    public static IServiceCollection AddDashboardServices(this IServiceCollection services, IServiceProvider appHost)
    {
        foreach (var type in SharedWithAppHost)
        {
            services.AddSingleton(type, appHost.GetRequiredService(type));
        }

        // With Grafana Cloud and no Alloy, the receiver also forwards what it accepted.
        if (appHost.GetService<IOtlpExportForwarder>() is { } forwarder)
        {
            services.AddSingleton(forwarder);
        }

        var dashboardOptions = appHost.GetRequiredService<DashboardOptions>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new OtlpApiKey(appHost.GetRequiredService<OtlpSettings>().ApiKey));
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardAssets>();
        services.AddSingleton<ResourceUsageSampler>();
        services.AddSingleton<ResourceViews>();
        services.AddSingleton<SecretMasker>();
        services.AddHttpClient(nameof(TargetsApi), client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<ResourceMetrics>();

        services.AddProblemDetails();
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<OtlpApiKeyInterceptor>();
            grpc.MaxReceiveMessageSize = (int)dashboardOptions.MaxRequestBodyBytes;
            // Otherwise gRPC maps a "{service}/{method}" fallback for every HTTP method, and a wrong method on a
            // two-segment API path (DELETE /api/resources) got 404 instead of 405. An unknown gRPC service still
            // gets HTTP 404, which gRPC clients read as Unimplemented.
            grpc.IgnoreUnknownServices = true;
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ResourceMetrics.MeterName).AddPrometheusExporter());
        // A meter provider listens by name across the process, and AppHosts in one process (tests) name their meters
        // alike: only this AppHost's meters — the dashboard's own and the AppHost's (the OTLP forwarder's) — are exported,
        // so another AppHost stopping ends none of this one's series.
        var appHostMeters = appHost.GetRequiredService<IMeterFactory>();
        services.ConfigureOpenTelemetryMeterProvider((dashboard, metrics) =>
        {
            var dashboardMeters = dashboard.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory &&
                !ReferenceEquals(factory, dashboardMeters) && !ReferenceEquals(factory, appHostMeters)
                    ? MetricStreamConfiguration.Drop
                    : null);
        });
        return services;
    }
}
