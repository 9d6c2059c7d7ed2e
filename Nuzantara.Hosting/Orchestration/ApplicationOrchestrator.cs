using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Health;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Provisioning;
using Nuzantara.Hosting.Orchestration.Replicas;
using Nuzantara.Hosting.Orchestration.State;
using Nuzantara.Hosting.Secrets;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>
/// Runs the model: reaps what a crashed AppHost left, resolves parameters, allocates ports, provisions native binaries,
/// starts every resource once what it waits for is healthy (independent ones in parallel), and on shutdown stops
/// them in reverse dependency order.
/// </summary>
internal sealed class ApplicationOrchestrator(
    DistributedApplicationModel model,
    HostingOptions options,
    ProcessStateFile stateFile,
    ParameterStore parameters,
    PortAllocator ports,
    NativeBinaryProvisioner provisioner,
    RuntimeSelector runtimes,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IDistributedApplicationEventing eventing,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ApplicationOrchestrator> logger) : IHostedService
{
    // Replaced whole once built, so the dashboard reading it while the AppHost starts never sees a list being filled.
    private IReadOnlyList<ResourceRunner> _runners = [];
    private IReadOnlyList<ReplicaSet> _replicaSets = [];

    // One command at a time: a Stop racing a Start on the same runner would leave either a stray process or none.
    private readonly SemaphoreSlim _commands = new(1, 1);
    private bool _shuttingDown;

    // Cancelled when the application stops: what InitializeResourceEvent's subscribers and custom resources' health checks run under.
    private readonly CancellationTokenSource _stopping = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await stateFile.AcquireAndReapAsync(cancellationToken).ConfigureAwait(false);
        parameters.Resolve(model.Resources.OfType<ParameterResource>());
        var selection = await runtimes.SelectAsync(model.Resources, cancellationToken).ConfigureAwait(false);
        ports.Allocate(model.Resources, r => selection.Launcher(r) is Container.ContainerRuntime);
        foreach (var resource in model.Resources.Where(r => selection.Launcher(r) is not null))
        {
            resource.AddLifecycleCommands();
        }

        foreach (var resource in model.Resources.Where(r => r.IsPersistent() && selection.Launcher(r) is ProcessRuntime))
        {
            // A native process cannot be found again and re-adopted by the next run the way a labelled container is.
            logger.LogWarning("{Resource} has a persistent lifetime, but runs as a native process (the process runtime): it stops with the AppHost, as a session resource does. " +
                "Run it in a container engine to keep it across runs.", resource.Name);
        }

        var customResources = new List<IResource>();
        foreach (var resource in model.Resources.Where(r => r is not ParameterResource))
        {
            if (resource is ExternalServiceResource service)
            {
                // Nothing to run: it is there, unless its URL parameter is not a usable URL. Its health is watched as a
                // custom resource's: healthy while Running, or while its checks (WithHttpHealthCheck) pass.
                var invalid = service.UrlParameter is { } url && !ExternalServiceResource.IsValidUrl(url.Value, out _, out var message)
                    ? $"the value of parameter '{url.Name}' is not a valid URL: {message}"
                    : null;
                notifications.PublishUpdate(resource, s => invalid is null
                    ? s with { State = KnownResourceStates.Running }
                    : s with { State = KnownResourceStates.FailedToStart, StateReason = invalid });
                if (invalid is null)
                {
                    customResources.Add(resource);
                }

                continue;
            }

            if (resource is ConnectionStringResource connectionString)
            {
                notifications.PublishUpdate(resource, s => s with { State = KnownResourceStates.Waiting });
                _ = RunWhenReferencesStartAsync(connectionString);
                continue;
            }

            if (resource.TryGetLastAnnotation<ResourceSnapshotAnnotation>(out var initial) && selection.Launcher(resource) is null && resource is not IResourceWithParent)
            {
                // A custom resource: no runtime runs it, its own code publishes its state from this snapshot on.
                notifications.PublishUpdate(resource, _ => initial.InitialSnapshot);
                customResources.Add(resource);
                continue;
            }

            var reason = selection.Launcher(resource) is null && resource is not IResourceWithParent ? selection.WhyNotRunnable(resource) : null;
            var state = resource is IResourceWithParent ? KnownResourceStates.Waiting
                : reason is not null && resource.TryGetLastAnnotation<ContainerOnlyAnnotation>(out var only) && only.FailsWithoutEngine ? KnownResourceStates.FailedToStart
                : KnownResourceStates.NotStarted;
            notifications.PublishUpdate(resource, s => (initial?.InitialSnapshot ?? s) with { State = state, StateReason = reason });
        }

        await provisioner.EnsureInstalledAsync(
            model.Resources.Where(r => selection.Launcher(r) is ProcessRuntime),
            line => logs.Write(Console.StartupConsole.ProvisioningLog, line, isError: false),
            cancellationToken).ConfigureAwait(false);

        var startup = new StartupNotifications(services, model);
        await startup.BeforeStartAsync(cancellationToken).ConfigureAwait(false);

        foreach (var resource in customResources)
        {
            _ = new CustomResourceHealth(resource, notifications, services.GetRequiredService<HealthCheckService>(), eventing, services, logger).WatchAsync(_stopping.Token);
        }

        // Every resource's code may start its own work now (a custom resource's lifecycle), in the background as in Aspire.
        foreach (var resource in model.Resources)
        {
            await eventing.PublishAsync(new InitializeResourceEvent(resource, eventing, logs, notifications, services), EventDispatchBehavior.NonBlockingConcurrent, _stopping.Token).ConfigureAwait(false);
        }

        var specResolver = services.GetRequiredService<LaunchSpecResolver>();
        var healthChecks = services.GetRequiredService<HealthCheckService>();
        var runners = new List<ResourceRunner>();
        var replicaSets = new List<ReplicaSet>();
        foreach (var resource in model.Resources)
        {
            if (selection.Launcher(resource) is not { } launcher)
            {
                continue;
            }

            if (resource is ProjectResource project && project.ReplicaCount() > 1)
            {
                // Each replica has a runner of its own (restarts, health, its row); the project's row sums them up.
                var replicaSet = new ReplicaSet(project, notifications, logger);
                replicaSet.Start(await ResourceUrls.ResolveAsync(project, services.GetRequiredService<DistributedApplicationExecutionContext>(), logger, cancellationToken).ConfigureAwait(false));
                replicaSets.Add(replicaSet);
                runners.AddRange(replicaSet.Replicas.Select(r => new ResourceRunner(r, [], launcher, specResolver, notifications, healthChecks, eventing, services, options, time, logger)));
                continue;
            }

            var children = model.Resources.Where(r => r is IResourceWithParent child && child.Parent == resource && selection.Launcher(r) is null).ToList();
            runners.Add(new ResourceRunner(resource, children, launcher, specResolver, notifications, healthChecks, eventing, services, options, time, logger));
        }

        _runners = runners;
        _replicaSets = replicaSets;
        foreach (var runner in _runners.Where(r => !r.Resource.OfAnnotation<ExplicitStartupAnnotation>().Any()))
        {
            runner.Start();
        }

        await startup.AfterResourcesCreatedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Start command: a fresh run of a stopped or finished resource. It does not wait for health, which its state then shows.</summary>
    public Task<ExecuteCommandResult> StartResourceAsync(string resourceName, CancellationToken cancellationToken) =>
        RunCommandAsync(resourceName, "start", runner =>
        {
            runner.Start();
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The Stop command: ends the resource's process and its restart loop, and answers once the process has exited.</summary>
    public Task<ExecuteCommandResult> StopResourceAsync(string resourceName, CancellationToken cancellationToken) =>
        RunCommandAsync(resourceName, "stop", runner => runner.StopAsync(), cancellationToken);

    /// <summary>The Restart command: Stop, then Start.</summary>
    public Task<ExecuteCommandResult> RestartResourceAsync(string resourceName, CancellationToken cancellationToken) =>
        RunCommandAsync(resourceName, "restart", async runner =>
        {
            await runner.StopAsync().ConfigureAwait(false);
            runner.Start();
        }, cancellationToken);

    /// <summary>The resource's runner, or for a replicated project the runners of all its replicas.</summary>
    private List<ResourceRunner> RunnersOf(string resourceName) =>
        [.. _runners.Where(r => string.Equals(r.Resource.Name, resourceName, StringComparison.OrdinalIgnoreCase)
            || (r.Resource is ProjectReplicaResource replica && string.Equals(replica.Parent.Name, resourceName, StringComparison.OrdinalIgnoreCase)))];

    private async Task<ExecuteCommandResult> RunCommandAsync(string resourceName, string verb, Func<ResourceRunner, Task> command, CancellationToken cancellationToken)
    {
        var runners = RunnersOf(resourceName);
        if (runners.Count == 0)
        {
            var reason = notifications.GetSnapshot(resourceName)?.StateReason ?? "it is not run by this AppHost";
            return CommandResults.Failure($"'{resourceName}' cannot {verb}: {reason}");
        }

        await _commands.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shuttingDown)
            {
                return CommandResults.Failure("The AppHost is shutting down.");
            }

            await Task.WhenAll(runners.Select(command)).ConfigureAwait(false);
            return CommandResults.Success();
        }
        finally
        {
            _commands.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _commands.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        _shuttingDown = true;
        _commands.Release();
        await _stopping.CancelAsync().ConfigureAwait(false);
        var stopping = new Dictionary<IResource, Task>();
        var ordering = new HashSet<IResource>();

        Task Stop(ResourceRunner runner)
        {
            if (!stopping.TryGetValue(runner.Resource, out var task))
            {
                // Resources that reference each other (a gateway and the frontend behind it) stop with no order between them.
                ordering.Add(runner.Resource);
                var dependents = _runners.Where(r => !ordering.Contains(r.Resource) && !AreReplicasOfOneProject(r.Resource, runner.Resource)
                    && ModelValidator.Dependencies(r.Resource).Any(d => DependsOn(d, runner.Resource))).ToList();
                task = StopAfter(dependents.Select(Stop).ToList(), runner);
                ordering.Remove(runner.Resource);
                stopping[runner.Resource] = task;
            }

            return task;
        }

        await Task.WhenAll(_runners.Select(Stop).ToList()).ConfigureAwait(false);
        foreach (var replicaSet in _replicaSets)
        {
            await replicaSet.DisposeAsync().ConfigureAwait(false);
        }

        stateFile.Dispose();
    }

    /// <summary>Replicas stop side by side: each names the project as its parent, which must not order them.</summary>
    private static bool AreReplicasOfOneProject(IResource a, IResource b) =>
        a is ProjectReplicaResource first && b is ProjectReplicaResource second && ReferenceEquals(first.Parent, second.Parent);

    /// <summary>A replica counts as its project: what depends on the project stops before any of its replicas.</summary>
    private static bool DependsOn(IResource dependency, IResource resource) =>
        ReferenceEquals(dependency, resource)
        || (dependency is IResourceWithParent child && ReferenceEquals(child.Parent, resource))
        || (resource is ProjectReplicaResource replica && ReferenceEquals(dependency, replica.Parent));

    private static async Task StopAfter(List<Task> dependents, ResourceRunner runner)
    {
        await Task.WhenAll(dependents).ConfigureAwait(false);
        await runner.StopAsync(appHostStopping: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Nothing runs for a connection string of the model: it is Running (and, without checks, healthy) once every
    /// resource it names has started, with WaitForStart's rules (a resource the runner restarts is waited for); it is
    /// FailedToStart, naming the resource, once one of them cannot start.
    /// </summary>
    private async Task RunWhenReferencesStartAsync(ConnectionStringResource connectionString)
    {
        foreach (var reference in connectionString.ReferencedResources)
        {
            try
            {
                await notifications.WaitForResourceStartedAsync(reference.Name, WaitBehavior.StopOnResourceUnavailable, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (DistributedApplicationException unavailable)
            {
                notifications.PublishUpdate(connectionString, s => s with
                {
                    State = KnownResourceStates.FailedToStart,
                    StateReason = $"Its connection string names '{reference.Name}'. {unavailable.Message}",
                });
                return;
            }
        }

        notifications.PublishUpdate(connectionString, s => s with { State = KnownResourceStates.Running, HealthStatus = HealthStatus.Healthy, StartedAt = DateTimeOffset.UtcNow });
    }
}
