using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Dashboard.Api;
using Nuzantara.Hosting.Dashboard.Otlp;
using Nuzantara.Hosting.Dashboard.Security;
using Nuzantara.Hosting.Dashboard.Web;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Dashboard;

/// <summary>
/// The AppHost's own web server, on Aspire's dashboard ports: the dashboard's pages, its JSON API and resource metrics
/// on the dashboard port (18888), the OTLP receiver over gRPC (18889) and HTTP (18890), each refusing exports without
/// the AppHost's API key. With Grafana Cloud and no Alloy, the receiver also forwards what it accepted (<see cref="Otlp.IOtlpExportForwarder"/>).
/// </summary>
internal sealed class DashboardServer(
    HostingOptions options,
    IServiceProvider appHost,
    ILoggerFactory appHostLoggers,
    ILogger<DashboardServer> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>
    /// The dashboard listens on its three ports alone: ASPNETCORE_URLS (an Aspire launch profile's applicationUrl) or
    /// ASPNETCORE_HTTP_PORTS in the AppHost's environment would reach Kestrel too, which binds none of them and warns so
    /// at every start. Only the command line comes after the environment and before the web host reads its addresses,
    /// so they are emptied there.
    /// </summary>
    private static readonly string[] NoHostingAddresses =
        [$"--{WebHostDefaults.ServerUrlsKey}=", $"--{WebHostDefaults.HttpPortsKey}=", $"--{WebHostDefaults.HttpsPortsKey}="];

    /// <summary>
    /// The dashboard's web host reads no files of its own and watches none: its settings come from the AppHost's. By
    /// default it would take the current directory as its content root and watch all of it, every subfolder, for a
    /// changed appsettings.json: one inotify watch per folder (4,913 from the repository's root, more from a home
    /// folder, up to the system's limit), each walked at every start.
    /// </summary>
    internal static WebApplicationOptions WebHostOptions => new()
    {
        Args = [.. NoHostingAddresses, "--hostBuilder:reloadConfigOnChange=false"],
        ContentRootPath = AppContext.BaseDirectory,
    };

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(options.BindAddress);
        foreach (var (port, role) in new[] { (options.DashboardPort, "dashboard"), (options.OtlpGrpcPort, "OTLP/gRPC"), (options.OtlpHttpPort, "OTLP/HTTP") })
        {
            if (PortAllocator.PortHolder(options.BindAddress, port) is { } holder)
            {
                throw new DistributedApplicationException(
                    $"The AppHost's {role} port {port} on {options.BindAddress} is already in use by {holder}. Stop it (another AppHost?) or choose other ports with " +
                    "--Nuzantara:DashboardPort, --Nuzantara:OtlpGrpcPort, --Nuzantara:OtlpHttpPort.");
            }
        }

        var builder = WebApplication.CreateSlimBuilder(WebHostOptions);
        builder.Logging.LogToAppHost(appHostLoggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, options.DashboardPort);
            kestrel.Listen(address, options.OtlpGrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            // HTTP/1.1 only: without TLS, Kestrel cannot negotiate HTTP/2 beside it, and says so in a warning at every start.
            kestrel.Listen(address, options.OtlpHttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddDashboardServices(appHost);

        _app = builder.Build();
        _app.Services.GetRequiredService<ResourceMetrics>();
        var access = _app.Services.GetRequiredService<DashboardAccess>();
        // An endpoint's failure is logged and answered with problem details, never with a stack trace (in Development
        // the slim builder would otherwise show the developer exception page).
        _app.UseExceptionHandler();
        // Routing's own 404 and 405 carry no body; callers of the API get problem details for them too.
        _app.UseStatusCodePages();
        _app.UseWhen(
            context => context.Connection.LocalPort == options.DashboardPort,
            dashboard => dashboard.Use(SecurityHeaders.InvokeAsync).Use(PageEndpoints.SendBrowsersToChartsAsync).Use(access.InvokeAsync));
        var dashboardHost = $"*:{options.DashboardPort}";
        _app.MapPrometheusScrapingEndpoint("/metrics").RequireHost(dashboardHost);
        _app.MapLogin(dashboardHost);
        _app.MapPages(dashboardHost);
        _app.MapDashboardApi(dashboardHost);
        _app.MapAlertInbox(dashboardHost);
        var grpcHost = $"*:{options.OtlpGrpcPort}";
        _app.MapGrpcService<OtlpTraceService>().RequireHost(grpcHost);
        _app.MapGrpcService<OtlpMetricsService>().RequireHost(grpcHost);
        _app.MapGrpcService<OtlpLogsService>().RequireHost(grpcHost);
        _app.MapOtlpHttp($"*:{options.OtlpHttpPort}");

        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Dashboard on {Port}, OTLP on {GrpcPort} (gRPC) and {HttpPort} (HTTP)", options.DashboardPort, options.OtlpGrpcPort, options.OtlpHttpPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
