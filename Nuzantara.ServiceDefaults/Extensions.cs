using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nuzantara.ServiceDefaults.Health;
using Nuzantara.ServiceDefaults.Metrics;
using Nuzantara.ServiceDefaults.Problems;
using Nuzantara.ServiceDefaults.Sentry;
using Nuzantara.ServiceDefaults.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Nuzantara .NET service gets, as in Aspire's ServiceDefaults: OpenTelemetry, Prometheus metrics with the
/// original system's names, health endpoints, problem details, Sentry, service discovery and resilience on every HttpClient.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Off only to measure what instrumentation costs (bench/): no OpenTelemetry, no HTTP metrics, no /metrics.</summary>
    public const string TelemetryEnabledKey = "Nuzantara:Telemetry:Enabled";

    /// <summary>Sources and meters of Nuzantara's own code (the Redis cache boundary, for one), exported with the rest.</summary>
    public const string InstrumentationPrefix = "Nuzantara.*";

    /// <summary>
    /// The ASP.NET Core meters exported, named rather than taken whole with AddAspNetCoreInstrumentation(), which also
    /// enables three that record on every request for figures nobody alerts on or that the HTTP metrics above already
    /// give: Hosting (http.server.request.duration and active_requests: the same measurements as
    /// http_request_duration_seconds and http_active_connections, under other label names), Routing on every match (the
    /// 404s in http_requests_total show the misses) and the memory pool (.NET 10) on every buffer rented and returned.
    /// Recording them cost ~3 µs of CPU per request on /api/example, a request that costs ~16 µs in all
    /// (bench/BENCHMARKS.md, part 1). Meters not named are never enabled, so ASP.NET Core does not record them at all.
    /// </summary>
    private static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Http.Connections"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (TelemetryEnabled(builder.Configuration))
        {
            builder.ConfigureOpenTelemetry();
        }

        SentryDefaults.AddSentryWhenConfigured(builder);
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Graceful shutdown: Kestrel finishes in-flight requests, then the telemetry providers and Sentry flush on dispose.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes and scrapes are not traffic: the AppHost's readiness probe every 5 s would keep an idle service's SLIs
        // from ever reading zero, and its 503s while PostgreSQL is down would page as a 5xx error rate. So their
        // endpoints carry ASP.NET Core's DisableHttpMetrics, which HttpMetricsMiddleware honours, and are not traced.
        if (TelemetryEnabled(app.Configuration))
        {
            // Outside the exception handler, so a request is counted with the status its caller got (413, 503), not as a throw.
            app.UseMiddleware<HttpMetricsMiddleware>();
            app.MapPrometheusScrapingEndpoint("/metrics").DisableHttpMetrics();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();

        var writer = app.Services.GetRequiredService<HealthResponseWriter>();
        app.MapHealthChecks(HealthEndpointPath, Options(writer, _ => true)).DisableHttpMetrics();
        app.MapHealthChecks("/health/live", Options(writer, r => r.Tags.Contains(HealthTags.Live))).DisableHttpMetrics();
        app.MapHealthChecks(AlivenessEndpointPath, Options(writer, r => r.Tags.Contains(HealthTags.Live))).DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", Options(writer, r => r.Tags.Contains(HealthTags.Ready))).DisableHttpMetrics();
        var registered = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        foreach (var dependency in new[] { HealthTags.Redis, HealthTags.Database })
        {
            if (registered.Any(r => r.Name == dependency))
            {
                app.MapHealthChecks($"/health/{dependency}", Options(writer, r => r.Name == dependency)).DisableHttpMetrics();
            }
        }

        return app;
    }

    private static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(AspNetCoreMeters)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(HttpMetrics.MeterName, InstrumentationPrefix)
                .AddInstrumentation(services => new ProcessMetrics(services.GetRequiredService<IMeterFactory>()))
                // No response cache: every scrape (Prometheus, a curl during an incident) sees the values of now.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, InstrumentationPrefix)
                // By path: the filter runs before routing has chosen an endpoint. A probe's span is left unrecorded, and
                // so, whatever the sampler, is what its health checks do inside it (UnrecordedParentProcessor).
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddProcessor<UnrecordedParentProcessor>()
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.AddOtlpExportersWithoutResilience();
            builder.Services.AddLargerTraceExportBatches(builder.Configuration);
        }

        builder.Services.AddSingleton<HttpMetrics>();
        builder.Services.ExportOnlyThisAppsMeters();
        return builder;
    }

    private static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(new ProcessMemory(TimeProvider.System));
        builder.Services.AddSingleton<HealthResponseWriter>();
        builder.Services.AddOptions<SharedHealthCheckOptions>().BindConfiguration(SharedHealthCheckOptions.Section);
        builder.Services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>, HealthCheckSharing>();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        CachedHealthCheckService.Decorate(builder.Services);
        return builder;
    }

    private static bool TelemetryEnabled(IConfiguration configuration) =>
        configuration.GetValue(TelemetryEnabledKey, defaultValue: true);

    private static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath) || path.StartsWithSegments("/metrics");

    private static HealthCheckOptions Options(HealthResponseWriter writer, Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = writer.WriteAsync,
        // Degraded still serves traffic; only Unhealthy takes the instance out.
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = 200,
            [HealthStatus.Degraded] = 200,
            [HealthStatus.Unhealthy] = 503,
        },
    };
}
