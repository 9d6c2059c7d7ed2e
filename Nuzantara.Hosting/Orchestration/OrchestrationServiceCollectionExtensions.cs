using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Dashboard;
using Nuzantara.Hosting.Dashboard.Security;
using Nuzantara.Hosting.Dashboard.Telemetry;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Provisioning;
using Nuzantara.Hosting.Orchestration.State;
using Nuzantara.Hosting.Secrets;

namespace Nuzantara.Hosting.Orchestration;

internal static class OrchestrationServiceCollectionExtensions
{
    private const string OtlpApiKeySetting = "AppHost:OtlpApiKey";

    public static IServiceCollection AddOrchestration(this IServiceCollection services, bool disableDashboard)
    {
        services.AddHealthChecks();
        // The clock of restarts, health probes and waits; a test replaces it with a fake one before this runs.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ResourceNotificationService>();
        services.AddSingleton(_ => new ResourceLoggerService());
        services.AddSingleton(sp => new ResourceCommandService(
            sp.GetRequiredService<ResourceNotificationService>(), sp.GetRequiredService<ResourceLoggerService>(), sp, sp.GetRequiredService<ILogger<ResourceCommandService>>()));
        services.AddSingleton<ProcessStateFile>();
        services.AddSingleton<ParameterStore>();
        services.AddSingleton<PortAllocator>();
        services.AddSingleton<NativeBinaryProvisioner>();
        services.AddSingleton<ProcessRuntime>();
        services.AddSingleton<ContainerEngine>();
        services.AddSingleton<ContainerRuntime>();
        services.AddSingleton<Yarp.InProcessYarpLauncher>();
        services.AddSingleton<RuntimeSelector>();
        // Aspire's setting AppHost:OtlpApiKey wins; otherwise one key kept in the per-user store under the same name.
        services.AddSingleton(sp => new OtlpSettings(
            sp.GetRequiredService<IConfiguration>()[OtlpApiKeySetting] is { Length: > 0 } configured
                ? configured
                : sp.GetRequiredService<ParameterStore>().GetOrCreate(OtlpApiKeySetting, () => ParameterStore.Generate(new(MinLength: 32))),
            Guid.NewGuid().ToString("N")[..8]));
        services.AddSingleton<LaunchSpecResolver>();
        services.AddSingleton<TelemetryStore>();
        services.AddSingleton<DashboardBrowserToken>();
        if (!disableDashboard)
        {
            // Registered before the orchestrator: it starts first and stops last, so resources flush telemetry to it.
            services.AddHostedService<DashboardServer>();
        }

        // One instance: the host starts it, the dashboard sends it Start/Stop/Restart.
        services.AddSingleton<ApplicationOrchestrator>();
        services.AddHostedService(sp => sp.GetRequiredService<ApplicationOrchestrator>());

        return services;
    }
}
