using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nuzantara.Hosting;
using Nuzantara.Hosting.Console;
using Nuzantara.Hosting.Dashboard;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Publishing;

namespace Aspire.Hosting;

public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly HostApplicationBuilder _hostBuilder;
    private readonly ResourceCollection _resources = [];

    /// <summary>Set by the testing harness: receives the builder when the AppHost's Main calls Build().</summary>
    internal static readonly AsyncLocal<BuilderInterceptor?> Interceptor = new();

    private readonly BuilderInterceptor? _interceptor;

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
        : this(options, Interceptor.Value)
    {
    }

    internal DistributedApplicationBuilder(DistributedApplicationOptions options, BuilderInterceptor? interceptor)
    {
        _interceptor = interceptor;
        _interceptor?.ConfigureOptions?.Invoke(options);

        AppHostAssembly = options.AppHostAssembly ?? Assembly.GetEntryAssembly();
        AppHostDirectory = AppHostMetadata.ProjectDirectory(AppHostAssembly) ?? Directory.GetCurrentDirectory();

        var settings = new HostApplicationBuilderSettings
        {
            Args = options.Args,
            ContentRootPath = AppHostDirectory,
            ApplicationName = AppHostAssembly?.GetName().Name,
            EnvironmentName = System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development,
        };
        _interceptor?.ConfigureBuilder?.Invoke(options, settings);
        _hostBuilder = Host.CreateApplicationBuilder(settings);
        _hostBuilder.Configuration.AddCommandLine(settings.Args ?? [], new Dictionary<string, string>
        {
            ["--runtime"] = "Nuzantara:Runtime",
            ["--publisher"] = "Publishing:Publisher",
            ["--output-path"] = "Publishing:OutputPath",
        });
        _interceptor?.ConfigureConfiguration?.Invoke(_hostBuilder.Configuration);
        // As in Aspire: tests and resources' own code get clients from IHttpClientFactory, configurable per name or for all.
        _hostBuilder.Services.AddHttpClient();

        var publisher = _hostBuilder.Configuration["Publishing:Publisher"];
        ExecutionContext = publisher is null
            ? new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run)
            : new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish, publisher);
        AppHostIdentity.AddTo(_hostBuilder.Configuration, AppHostDirectory, _hostBuilder.Environment.ApplicationName, ExecutionContext.IsPublishMode);
        DisableDashboard = options.DisableDashboard;
        _interceptor?.OnBuilderCreated?.Invoke(this);
    }

    public Assembly? AppHostAssembly { get; }

    public ConfigurationManager Configuration => _hostBuilder.Configuration;

    public IServiceCollection Services => _hostBuilder.Services;

    public IHostEnvironment Environment => _hostBuilder.Environment;

    public string AppHostDirectory { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public IResourceCollection Resources => _resources;

    public IDistributedApplicationEventing Eventing { get; } = new DistributedApplicationEventing();

    internal bool DisableDashboard { get; }

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        EnsureNameIsFree(_resources, resource.Name);
        _resources.Add(resource);
        return CreateResourceBuilder(resource);
    }

    internal static void EnsureNameIsFree(IEnumerable<IResource> resources, string name)
    {
        if (resources.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DistributedApplicationException(
                $"Cannot add resource '{name}': a resource with that name already exists. Resource names are unique (case-insensitive).");
        }
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => new ResourceBuilder<T>(this, resource);

    public DistributedApplication Build()
    {
        if (_interceptor?.OnBuilderReady is { } onBuilderReady)
        {
            // Under the testing harness the AppHost's Main ends here; the harness finishes the build itself.
            onBuilderReady(this);
            throw new BuilderInterceptedException();
        }

        return BuildCore();
    }

    internal DistributedApplication BuildCore()
    {
        ModelValidator.Validate(_resources);

        Services.AddSingleton<IConfigureOptions<HostingOptions>>(new ConfigureHostingOptions(Configuration, AppHostDirectory));
        Services.AddSingleton<IValidateOptions<HostingOptions>, ValidateHostingOptions>();
        Services.AddOptions<HostingOptions>().ValidateOnStart();
        // Most of the engine takes the settings themselves in its constructors.
        Services.AddSingleton(sp => sp.GetRequiredService<IOptions<HostingOptions>>().Value);
        var dashboardOptions = Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
        // Ours, and Aspire's two names for the same switch (the legacy DOTNET_ one still works there).
        dashboardOptions.Unsecured |= new[] { "NUZANTARA_DASHBOARD_UNSECURED", "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", "DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS" }
            .Any(key => Configuration[key] is "true" or "True" or "1");
        Services.AddSingleton(dashboardOptions);
        Services.AddSingleton(Configuration.GetSection(AlertInboxOptions.SectionName).Get<AlertInboxOptions>() ?? new AlertInboxOptions());
        Services.AddSingleton<AlertInbox>();
        Services.AddSingleton(ExecutionContext);
        Services.AddSingleton(Eventing);
        Services.AddSingleton(new DistributedApplicationModel(_resources));
        Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // Failed checks are expected while resources start; their state is shown per resource instead.
        Services.AddLogging(logging => logging
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        if (ExecutionContext.IsPublishMode)
        {
            // Publishing writes files and stops: nothing is provisioned, started or listened on. The state and log
            // services are there all the same, as in Aspire: subscribers and hooks of the AppHost take them in their constructors.
            Services.TryAddSingleton<ResourceNotificationService>();
            Services.TryAddSingleton(_ => new ResourceLoggerService());
            Services.AddPublishing();
            return new DistributedApplication(_hostBuilder.Build());
        }

        var disableDashboard = DisableDashboard;
        Services.PostConfigure<HostingOptions>(options =>
        {
            if (disableDashboard)
            {
                options.DashboardPort = 0;
            }
            else if (options.RandomizePorts)
            {
                // Known before any hosted service starts: the dashboard binds them first, resources are told them later.
                options.DashboardPort = PortAllocator.FreePort();
                options.OtlpGrpcPort = PortAllocator.FreePort();
                options.OtlpHttpPort = PortAllocator.FreePort();
            }
        });

        // The console starts first so that it shows provisioning, which runs inside the orchestrator's start.
        Services.AddHostedService<StartupConsole>();
        Services.AddOrchestration(DisableDashboard);

        return new DistributedApplication(_hostBuilder.Build());
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => new DistributedApplicationBuilder(options);
}

/// <summary>The testing harness's hooks into a builder it did not construct (the AppHost's Main does).</summary>
internal sealed class BuilderInterceptor
{
    public Action<DistributedApplicationOptions>? ConfigureOptions { get; init; }

    /// <summary>The test's own changes to the options and host settings, before the host builder is made from them.</summary>
    public Action<DistributedApplicationOptions, HostApplicationBuilderSettings>? ConfigureBuilder { get; init; }

    public Action<ConfigurationManager>? ConfigureConfiguration { get; init; }

    public Action<DistributedApplicationBuilder>? OnBuilderCreated { get; init; }

    /// <summary>Called at Build() in place of building; null when the harness constructed the builder itself.</summary>
    public Action<DistributedApplicationBuilder>? OnBuilderReady { get; init; }
}

internal sealed class BuilderInterceptedException() : Exception("The testing harness took over the application builder.");

internal static class AppHostMetadata
{
    /// <summary>The AppHost project folder, written into the assembly by Nuzantara.Hosting.AppHost.targets.</summary>
    public static string? ProjectDirectory(Assembly? assembly) =>
        assembly?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuzantaraAppHostProjectDirectory")?.Value;
}
