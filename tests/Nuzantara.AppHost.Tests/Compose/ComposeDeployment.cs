using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.AppHost.Tests.LiveEngine;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Provisioning;

namespace Nuzantara.AppHost.Tests.Compose;

/// <summary>
/// The AppHost's <c>--publisher docker-compose</c> output deployed as an operator would (docs/deploy.md, "Docker Compose"),
/// on the live engine: published into a temporary folder, the three service images built on the offline bases, every
/// empty secret in <c>.env</c> filled with a generated password, then <c>docker-compose up -d</c> under a project name of
/// its own, until every service is healthy. Disposing it runs <c>down -v</c> and checks that nothing of the project is left.
/// <para>
/// Two images cannot be had here, and <see cref="OverrideFileName"/> (a Compose override, beside the published file)
/// says so: cAdvisor (no Debian package, no registry) is left out of <c>up</c>, so its Prometheus target is the one
/// down; the Aspire dashboard's image is replaced by a stand-in serving its ports (<c>dashboard-stand-in/</c>). The
/// override also publishes Prometheus on a free loopback port for the checks; the published file's own host ports
/// (the gateway's, the dashboard's) are moved to free loopback ports through <c>.env</c>, as an operator can.
/// </para>
/// </summary>
public sealed class ComposeDeployment(LiveDockerEngine engine) : IAsyncLifetime
{
    public const string OverrideFileName = "docker-compose.test-override.yaml";

    /// <summary>The service that is not started: no image of cAdvisor can be made without a registry.</summary>
    public const string LeftOut = "cadvisor";

    public const string DashboardStandInImage = "nuzantara-test/aspire-dashboard-stand-in:latest";

    /// <summary>From <c>up</c> to every service healthy: the health checks probe every 10 s, in three levels of depends_on.</summary>
    public static readonly TimeSpan HealthyWithin = TimeSpan.FromMinutes(4);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    // The services were built with the tests (the AppHost references them), in the tests' configuration: publishing that
    // build (--no-build) saves building them again, most of a minute on two cores. An operator publishes Release.
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly List<string> _builtImages = [];
    private readonly HashSet<string> _anonymousVolumes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _images = new(StringComparer.Ordinal);
    private readonly List<(string Step, TimeSpan Took)> _timings = [];
    private int _gatewayPort;
    private int _prometheusPort;
    private int _dashboardPort;
    private int _receiversPort;

    public string Root { get; } = Directory.CreateTempSubdirectory("nuzantara-compose-").FullName;

    /// <summary>The published folder: docker-compose.yaml, .env (filled in), the configuration files and the override.</summary>
    public string OutputPath => Path.Combine(Root, "compose");

    /// <summary><c>-p</c>: a name of its own, so that nothing of another deployment on the engine is touched.</summary>
    public string ProjectName => $"nuzantara-e2e-{_id}";

    /// <summary>Every service of the published file but <see cref="LeftOut"/>: what <c>up</c> starts.</summary>
    public IReadOnlyList<string> Services { get; private set; } = [];

    public Uri Gateway => new($"http://127.0.0.1:{_gatewayPort}");

    public Uri Prometheus => new($"http://127.0.0.1:{_prometheusPort}");

    /// <summary>Where alerts go: Slack, SMTP and the heartbeat stand-ins in a container of their own on the deployment's network.</summary>
    public Uri AlertReceivers => new($"http://127.0.0.1:{_receiversPort}");

    /// <summary>The Slack webhook's path (with its secret token) the deployment was published with.</summary>
    public string SlackPath { get; } = AlertPath.NewSlackPath();

    public string HeartbeatPath { get; } = AlertPath.NewHeartbeatPath();

    /// <summary>The dashboard stand-in's UI port; <c>GET /received</c> counts the OTLP exports it took.</summary>
    public Uri Dashboard => new($"http://127.0.0.1:{_dashboardPort}");

    /// <summary>How long each step of <see cref="InitializeAsync"/> took, for the test's output.</summary>
    public IReadOnlyList<(string Step, TimeSpan Took)> Timings => _timings;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>As a class fixture, disposed by xUnit even when this fails: a half-started deployment is taken down too.</summary>
    public async ValueTask InitializeAsync()
    {
        await EnsureDockerComposeAsync();
        await TimedAsync("publish (--publisher docker-compose)", PublishAsync);
        // ServiceDown waits a minute and ContainerRestarted two in production; the alert test checks delivery, not the waits.
        AlertRulesAtTestSpeed.CutPendingIn(Path.Combine(OutputPath, "prometheus", "rules"), "10s");
        await TimedAsync("images (dotnet publish --no-build + docker build, python-backend, dashboard stand-in)", BuildImagesAsync);
        FillInEnvFile();
        await WriteOverrideAsync();
        Services = [.. (await ComposeAsync("config", "--services")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s != LeftOut).Order(StringComparer.Ordinal)];
        await TimedAsync("up -d to every service healthy", UpAsync);
    }

    /// <summary><c>down -v</c>, then the check that no container, volume or network of the project is left; the test images go too.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Services.Count > 0)
            {
                await RememberAnonymousVolumesAsync();
                await DownRemovingEverythingAsync();
                // `down` without -v keeps the anonymous volumes of the images' VOLUMEs (/data, /prometheus…), and the
                // `down -v` of later containers does not know them: removed here, as an operator would prune them.
                foreach (var volume in _anonymousVolumes)
                {
                    await engine.DockerAsync(CommandTimeout, "volume", "rm", "--force", volume);
                }

                var left = await LeftOverAsync();
                if (left.Length > 0)
                {
                    throw new InvalidOperationException($"docker-compose down -v left {left} of project {ProjectName}.");
                }
            }
        }
        finally
        {
            foreach (var image in _builtImages)
            {
                await engine.DockerAsync(CommandTimeout, "image", "rm", "--force", image);
            }

            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>
    /// <c>down -v --remove-orphans</c>. Debian's docker-compose 1.x can ask to remove the network while the engine still
    /// releases a stopped container's endpoint ("has active endpoints"); an operator runs <c>down</c> again, and so does this.
    /// </summary>
    private async Task DownRemovingEverythingAsync()
    {
        string[] down = ["down", "-v", "--remove-orphans"];
        var result = await RunAsync("docker-compose", [.. ProjectArgs, .. down], OutputPath);
        if (result.ExitCode != 0 && result.Output.Contains("has active endpoints", StringComparison.Ordinal))
        {
            await ComposeAsync(down);
            return;
        }

        Assert.True(result.ExitCode == 0, $"docker-compose down exited {result.ExitCode}:\n{result.Output}");
    }

    private string[] ProjectArgs => ["-p", ProjectName, "-f", "docker-compose.yaml", "-f", OverrideFileName];

    /// <summary><c>docker-compose -p … -f docker-compose.yaml -f override … args</c> in the published folder; its output.</summary>
    public async Task<string> ComposeAsync(params string[] args)
    {
        var result = await RunAsync("docker-compose", [.. ProjectArgs, .. args], OutputPath);
        Assert.True(result.ExitCode == 0, $"docker-compose {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }

    /// <summary><c>up -d</c> of every service but cAdvisor, then waits until each is healthy (running, where it has no check).</summary>
    public async Task UpAsync()
    {
        await ComposeAsync(["up", "-d", "--no-build", .. Services]);
        await WaitUntilHealthyAsync();
    }

    /// <summary><c>down</c> without <c>-v</c>: containers and network go, the data volume stays.</summary>
    public async Task DownAsync()
    {
        await RememberAnonymousVolumesAsync();
        await ComposeAsync("down");
    }

    /// <summary>The unnamed volumes the project's containers have, which carry no project label to be found by later.</summary>
    private async Task RememberAnonymousVolumesAsync()
    {
        foreach (var container in await ContainersAsync())
        {
            _anonymousVolumes.UnionWith(container.Mounts.Where(m => m.Type == "volume" && !m.Name.StartsWith(ProjectName, StringComparison.Ordinal)).Select(m => m.Name));
        }
    }

    /// <summary>Each service's container state, by service: <c>healthy</c>, <c>running</c> (no health check), or what it is.</summary>
    public async Task<IReadOnlyDictionary<string, ServiceState>> StatesAsync()
    {
        var states = new Dictionary<string, ServiceState>(StringComparer.Ordinal);
        foreach (var container in await ContainersAsync())
        {
            var inspect = await engine.Client.Containers.InspectContainerAsync(container.ID, Token);
            var health = inspect.State.Health;
            states[container.Labels["com.docker.compose.service"]] = new ServiceState(inspect.Name.TrimStart('/'),
                health is null ? (inspect.State.Running ? "running" : inspect.State.Status) : (inspect.State.Running ? health.Status : inspect.State.Status),
                inspect.RestartCount, health?.Log.LastOrDefault()?.Output.Trim());
        }

        return states;
    }

    public async Task WaitUntilHealthyAsync() =>
        await Eventually.ReadAsync(StatesAsync,
            states => Services.All(s => states.TryGetValue(s, out var state) && state.IsUp),
            HealthyWithin, DescribeAsync);

    /// <summary>The containers of the project, running or not (the engine's own view, labelled by Compose).</summary>
    public Task<IList<ContainerListResponse>> ContainersAsync() =>
        engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ProjectFilter }, Token);

    private Dictionary<string, IDictionary<string, bool>> ProjectFilter => new()
    {
        ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={ProjectName}"] = true },
    };

    /// <summary>Every service's state, and the logs of those that are not up: what a failure needs to be understood.</summary>
    private async Task<string> DescribeAsync(IReadOnlyDictionary<string, ServiceState> states)
    {
        var text = new StringBuilder($"Not every service of {ProjectName} is healthy:\n");
        foreach (var service in Services)
        {
            text.Append("  ").Append(service).Append(": ").Append(states.TryGetValue(service, out var state) ? state.ToString() : "no container").Append('\n');
        }

        foreach (var service in Services.Where(s => !states.TryGetValue(s, out var state) || !state.IsUp))
        {
            text.Append($"--- logs of {service} ---\n{await LogsAsync(service)}\n");
        }

        return text.ToString();
    }

    /// <summary>The last lines a service logged, for a failure's message.</summary>
    public async Task<string> LogsAsync(string service, int lines = 40) =>
        (await RunAsync("docker-compose", [.. ProjectArgs, "logs", "--no-color", "--tail", lines.ToString(CultureInfo.InvariantCulture), service], OutputPath)).Output;

    private async Task<string> LeftOverAsync()
    {
        var containers = (await ContainersAsync()).Select(c => string.Join(',', c.Names)).ToList();
        var volumes = (await engine.Client.Volumes.ListAsync(new VolumesListParameters { Filters = ProjectFilter }, Token)).Volumes?.Select(v => v.Name).ToList() ?? [];
        var networks = (await engine.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = ProjectFilter }, Token)).Select(n => n.Name).ToList();
        return string.Join("; ", new[] { ("containers", containers), ("volumes", volumes), ("networks", networks) }
            .Where(kind => kind.Item2.Count > 0).Select(kind => $"{kind.Item1} {string.Join(", ", kind.Item2)}"));
    }

    /// <summary>
    /// As an operator runs it, with the AppHost built by the test's build: <c>dotnet Nuzantara.AppHost.dll --publisher …</c>,
    /// with Slack, e-mail and the heartbeat pointed at <c>alert-receivers</c> (no SMTP password: Alertmanager sends one
    /// only over TLS or to localhost, and the stand-in has no certificate) and alerting at test speed; then the secret
    /// files, as docs/deploy.md says, readable by Alertmanager's user (65534) alone.
    /// </summary>
    private async Task PublishAsync()
    {
        const string Receivers = "http://alert-receivers:8080";
        var slack = $"{Receivers}/slack/{SlackPath}";
        var heartbeat = $"{Receivers}/webhook/{HeartbeatPath}";
        var result = await RunAsync("dotnet",
            [
                new Projects.Nuzantara_AppHost().TargetPath, "--publisher", "docker-compose", "--output-path", OutputPath,
                .. AlertPath.FastAlerting, .. AlertPath.Settings(slack, "alert-receivers:2525", smtpPassword: null, heartbeat),
            ],
            Root, new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });
        Assert.True(result.ExitCode == 0, $"Publishing exited {result.ExitCode}:\n{result.Output}");

        var secrets = Directory.CreateDirectory(Path.Combine(OutputPath, "secrets"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var (name, value) in new[] { ("alertmanager-slack-webhook-url", slack), ("alertmanager-watchdog-webhook-url", heartbeat) })
        {
            var path = Path.Combine(secrets.FullName, name);
            await File.WriteAllTextAsync(path, value, Token);
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
            await CommandRunner.RunCheckedAsync("chown", ["65534:65534", path], Token);
        }
    }

    /// <summary>
    /// The recipe of docs/deploy.md for a machine without a registry: the .NET services from their <c>dotnet publish</c>
    /// output on <c>nuzantara/dotnet-aspnet:10.0</c> (images/dotnet-service.Dockerfile), the Python service from its
    /// Dockerfile on <c>nuzantara/python:3-debian</c>. The images get names of this deployment, written into .env.
    /// </summary>
    private async Task BuildImagesAsync()
    {
        var dotnet = BuildDotNetImagesAsync();
        var python = BuildAsync("PYTHON_BACKEND_IMAGE", "python-backend", ["--network", "host", "--build-arg", "PYTHON_BASE_IMAGE=nuzantara/python:3-debian",
            Path.Combine(Repository.Root, "Nuzantara.PythonBackend")]);
        // The stand-in keeps one name across runs, so that its Debian layer is built once per engine.
        var standIn = engine.DockerAsync(CommandTimeout, "build", "--network", "host", "-t", DashboardStandInImage,
            Path.Combine(Repository.Root, "tests", "Nuzantara.AppHost.Tests", "Compose", "dashboard-stand-in"));
        await Task.WhenAll(dotnet, python, standIn);
    }

    private async Task BuildDotNetImagesAsync()
    {
        foreach (var (variable, service, project) in new[] { ("BACKEND_IMAGE", "backend", "Nuzantara.Backend"), ("ORCHESTRATOR_IMAGE", "orchestrator", "Nuzantara.Orchestrator") })
        {
            var output = Path.Combine(Root, "publish", service);
            var published = await RunAsync("dotnet", ["publish", Path.Combine(Repository.Root, project, $"{project}.csproj"), "-c", Configuration, "--no-build", "-o", output, "--nologo"],
                Root, new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
            Assert.True(published.ExitCode == 0, $"dotnet publish {project} exited {published.ExitCode}:\n{published.Output}");
            await BuildAsync(variable, service, ["-f", Path.Combine(Repository.Root, "images", "dotnet-service.Dockerfile"), "--build-arg", $"ASSEMBLY={project}", output]);
        }
    }

    private async Task BuildAsync(string variable, string service, string[] args)
    {
        var tag = $"nuzantara-e2e/{service}:{_id}";
        await engine.DockerAsync(CommandTimeout, ["build", "-t", tag, .. args]);
        lock (_builtImages)
        {
            _builtImages.Add(tag);
            _images[variable] = tag;
        }
    }

    /// <summary>
    /// What an operator fills in: every empty value (the secrets) with a generated password, the images' names, and the
    /// host ports moved to free loopback ports so that nothing else on the machine is in the way.
    /// </summary>
    private void FillInEnvFile()
    {
        _gatewayPort = PortAllocator.FreePort();
        _dashboardPort = PortAllocator.FreePort();
        _prometheusPort = PortAllocator.FreePort();
        _receiversPort = PortAllocator.FreePort();
        var chosen = new Dictionary<string, string>(_images, StringComparer.Ordinal)
        {
            ["ORCHESTRATOR_HTTP_HOST_PORT"] = $"127.0.0.1:{_gatewayPort}",
            ["ASPIRE_DASHBOARD_HTTP_HOST_PORT"] = $"127.0.0.1:{_dashboardPort}",
        };
        var path = Path.Combine(OutputPath, ".env");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path).Select(line =>
        {
            var separator = line.IndexOf('=');
            if (line.StartsWith('#') || separator < 0)
            {
                return line;
            }

            var (name, value) = (line[..separator], line[(separator + 1)..]);
            value = chosen.GetValueOrDefault(name, value.Length == 0 ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : value);
            names.Add(name);
            return $"{name}={value}";
        }).ToList();
        var missing = chosen.Keys.Where(name => !names.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"The published .env has no {string.Join(", ", missing)}:\n{File.ReadAllText(path)}");
        File.WriteAllLines(path, lines);
    }

    private Task WriteOverrideAsync() => File.WriteAllTextAsync(Path.Combine(OutputPath, OverrideFileName), $"""
        # The test's changes to the published deployment (tests/Nuzantara.AppHost.Tests/Compose/ComposeDeployment.cs):
        # mcr.microsoft.com/dotnet/aspire-dashboard cannot be pulled here, so a stand-in serves its ports; Prometheus is
        # published on a free loopback port for the checks; Slack, SMTP and the heartbeat are stand-ins on the network
        # (tests/Fixtures/Nuzantara.Fixtures.AlertReceivers, run from the tests' build). cAdvisor is not overridden but
        # left out of `up`.
        services:
          aspire-dashboard:
            image: {DashboardStandInImage}
          prometheus:
            ports:
            - 127.0.0.1:{_prometheusPort}:9090
          alert-receivers:
            image: nuzantara/dotnet-aspnet:10.0
            entrypoint: ["dotnet", "/app/{typeof(Fixtures.AlertReceivers.AlertReceivers).Assembly.GetName().Name}.dll", "0.0.0.0", "8080", "2525"]
            volumes:
            - {AppContext.BaseDirectory.TrimEnd('/')}:/app:ro
            ports:
            - 127.0.0.1:{_receiversPort}:8080
            networks:
            - aspire

        """, Token);

    private async Task TimedAsync(string step, Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        _timings.Add((step, stopwatch.Elapsed));
    }

    private async Task<CommandRunner.Result> RunAsync(string command, string[] args, string workingDirectory, Dictionary<string, string>? environment = null)
    {
        environment ??= [];
        environment["DOCKER_HOST"] = engine.DockerHost;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            return await CommandRunner.RunAsync(command, args, timeout.Token, environment, workingDirectory: workingDirectory);
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            throw new TimeoutException($"{command} {string.Join(' ', args)} did not finish within {CommandTimeout}.");
        }
    }

    /// <summary>Debian's docker-compose, installed when missing the way the AppHost provisions its binaries.</summary>
    private static async Task EnsureDockerComposeAsync()
    {
        var tool = new ContainerResource("docker-compose-for-tests");
        tool.Annotations.Add(new RequiredPackagesAnnotation("docker-compose", ["docker-compose"]));
        await new NativeBinaryProvisioner(new HostingOptions(), NullLogger<NativeBinaryProvisioner>.Instance).EnsureInstalledAsync([tool], _ => { }, Token);
    }
}

/// <summary>A service's container: <c>healthy</c>, <c>running</c> (no health check) or what it is instead; the last check's output.</summary>
public sealed record ServiceState(string Container, string Status, long Restarts, string? LastCheck)
{
    public bool IsUp => Status is "healthy" or "running";

    public override string ToString() => $"{Container} {Status}, {Restarts} restart(s){(LastCheck is { Length: > 0 } check && Status != "healthy" ? $", last check: {check}" : "")}";
}
