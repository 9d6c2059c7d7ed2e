using System.Net;
using Aspire.Hosting.Yarp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration.Yarp;

/// <summary>
/// Runs a YARP resource inside the AppHost: one Kestrel listener per resource, on its allocated endpoint, with YARP
/// configured from the very <c>REVERSEPROXY__…</c> and <c>services__…</c> variables the published YARP container gets,
/// destinations resolved through service discovery as that container resolves them.
/// <para>
/// In process rather than as Aspire's container because that image cannot be pulled everywhere this runs (and the
/// process runtime has no engine at all), while YARP is a library the AppHost already loads. Under the container runtime
/// it runs the same way: containers share the host's network, so their allocated endpoints are reachable from here.
/// </para>
/// </summary>
internal sealed class InProcessYarpLauncher(ResourceLoggerService logs) : IResourceLauncher
{
    public static bool CanRun(IResource resource) => resource is YarpResource;

    public async Task<IRunningResource> LaunchAsync(IResource resource, LaunchSpec spec, CancellationToken cancellationToken)
    {
        var yarp = (YarpResource)resource;
        var listen = yarp.GetEndpoints().FirstOrDefault(e => e.Name == "http")?.AllocatedEndpoint
            ?? throw new DistributedApplicationException($"'{yarp.Name}' has no http endpoint to listen on; AddYarp adds one, so something removed it.");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = spec.Environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT", Environments.Production),
            ContentRootPath = yarp.StaticFilesPath ?? AppContext.BaseDirectory,
        });
        // Only the resource's own variables: the AppHost's environment and arguments are not the proxy's configuration.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(spec.Environment.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ResourceLogProvider(logs, yarp.Name));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(listen.Address), listen.Port));
        builder.Services.AddServiceDiscovery();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();

        var app = builder.Build();
        try
        {
            if (yarp.StaticFilesPath is { } root)
            {
                var files = new PhysicalFileProvider(root);
                app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
                app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            }

            // YARP validates its configuration here, before anything listens.
            app.MapReverseProxy();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException)
        {
            // YARP's inner exception lists every invalid route and cluster; the resource's row should show them.
            var failure = new DistributedApplicationException(
                $"YARP in '{yarp.Name}' did not start: {ex.Message}{(ex.InnerException is { } inner ? " " + inner.Message : string.Empty)}", ex);
            await app.DisposeAsync().ConfigureAwait(false);
            throw failure;
        }

        logs.Write(yarp.Name, $"YARP listening on {listen.UriString} with {yarp.Routes.Count} routes and {yarp.Clusters.Count} clusters (in the AppHost process)", isError: false);
        return new RunningYarpProxy(app);
    }
}
