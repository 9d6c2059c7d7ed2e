using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Tests.ApplicationModel;

namespace Nuzantara.Hosting.Tests.Orchestration.Container;

/// <summary>Which runtime runs what when no engine answers, and the ports the container runtime imposes.</summary>
public sealed class RuntimeSelectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runtime_container_without_an_engine_fails_naming_the_engine_address_and_the_process_runtime()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "container");
        var deadSocket = DeadEngine(builder);
        builder.AddRedis("redis");
        await using var app = await builder.BuildAsync(Token);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(Token));

        Assert.Contains("--runtime container needs a container engine", error.Message);
        Assert.Contains($"unix://{deadSocket}", error.Message);
        Assert.Contains("DOCKER_HOST", error.Message);
        Assert.Contains("unix:///var/run/docker.sock", error.Message);
        Assert.Contains("--runtime process", error.Message);
        Assert.Null(app.ResourceNotifications.GetSnapshot("redis"));
    }

    [Fact]
    public async Task Auto_without_an_engine_falls_back_to_processes_and_leaves_cadvisor_NotStarted_with_its_reason()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        DeadEngine(builder);
        builder.AddCAdvisor("cadvisor");
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);

        var cadvisor = await app.ResourceNotifications.WaitForResourceAsync("cadvisor", KnownResourceStates.NotStarted, Token).WaitAsync(Timeout, Token);
        Assert.StartsWith("cAdvisor runs only as a container and no container engine is in use.", cadvisor.Snapshot.StateReason);
    }

    [Fact]
    public async Task Auto_without_an_engine_selects_the_process_runtime_for_everything_it_can_run()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        DeadEngine(builder);
        var redis = builder.AddRedis("redis");
        var backend = builder.AddProject<FakeProject>("backend");
        var cadvisor = builder.AddCAdvisor("cadvisor");
        await using var app = await builder.BuildAsync(Token);

        var selection = await app.Services.GetRequiredService<RuntimeSelector>().SelectAsync([redis.Resource, backend.Resource, cadvisor.Resource], Token);

        Assert.Equal("process", selection.RuntimeName);
        Assert.IsType<ProcessRuntime>(selection.Launcher(redis.Resource));
        Assert.IsType<ProcessRuntime>(selection.Launcher(backend.Resource));
        Assert.Null(selection.Launcher(cadvisor.Resource));
        Assert.Contains("cAdvisor runs only as a container", selection.WhyNotRunnable(cadvisor.Resource));
    }

    [Fact]
    public async Task Runtime_process_never_asks_the_engine()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        DeadEngine(builder);
        var redis = builder.AddRedis("redis");
        await using var app = await builder.BuildAsync(Token);

        var selection = await app.Services.GetRequiredService<RuntimeSelector>().SelectAsync([redis.Resource], Token);

        Assert.Equal("process", selection.RuntimeName);
        // A probe that had run would have failed; the client exists only after one that answered.
        var engine = app.Services.GetRequiredService<ContainerEngine>();
        Assert.Throws<InvalidOperationException>(() => engine.Client);
    }

    [Fact]
    public async Task Containers_told_where_to_listen_take_any_port_and_other_images_keep_their_own_even_when_ports_are_randomised()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        var prometheus = builder.AddPrometheus("prometheus", port: null);
        var web = builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithHttpEndpoint(targetPort: 80);
        var options = new HostingOptions { RandomizePorts = true };

        new PortAllocator(options).Allocate(builder.Resources, ContainerRuntime.CanRun);

        // Told by their arguments where to listen, as their native processes are: free ports, as always in tests.
        foreach (var resource in new IResource[] { redis.Resource, prometheus.Resource })
        {
            var (_, port, target) = Allocated(resource);
            Assert.NotEqual(6379, port);
            Assert.NotEqual(9090, port);
            Assert.Equal(port, target);
        }

        // An image whose port nothing sets listens on its own, and on the host's network that is the endpoint's port.
        Assert.Equal(("127.0.0.1", 80, 80), Allocated(web.Resource));
    }

    [Fact]
    public async Task A_declared_port_other_than_an_images_own_port_is_an_error_under_the_container_runtime_only()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var web = builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithHttpEndpoint(port: 8081, targetPort: 80);
        var redis = builder.AddRedis("redis", port: 6380);

        var error = Assert.Throws<DistributedApplicationException>(() =>
            new PortAllocator(new HostingOptions()).Allocate(builder.Resources, ContainerRuntime.CanRun));

        Assert.Contains("Endpoint 'http' of 'web' declares port 8081, but its container listens on port 80", error.Message);
        Assert.Contains("Use --runtime process, or remove the port", error.Message);

        new PortAllocator(new HostingOptions()).Allocate([redis.Resource], ContainerRuntime.CanRun);
        Assert.Equal(("127.0.0.1", 6380, 6380), Allocated(redis.Resource));
        new PortAllocator(new HostingOptions()).Allocate(builder.Resources, _ => false);
        Assert.Equal(("127.0.0.1", 8081, 8081), Allocated(web.Resource));
    }

    /// <summary>Points the AppHost at a socket path where no engine listens.</summary>
    private static string DeadEngine(IDistributedApplicationTestingBuilder builder)
    {
        var path = Path.Combine(builder.StateDirectory, "no-engine", "docker.sock");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DOCKER_HOST"] = $"unix://{path}" });
        return path;
    }

    private static (string Address, int Port, int TargetPort) Allocated(IResource resource)
    {
        var endpoint = resource.GetEndpoints().Single().AllocatedEndpoint!;
        return (endpoint.Address, endpoint.Port, endpoint.TargetPort);
    }
}
