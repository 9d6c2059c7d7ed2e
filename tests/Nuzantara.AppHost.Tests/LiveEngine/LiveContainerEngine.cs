using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Nuzantara.Hosting.Orchestration.Container;

namespace Nuzantara.AppHost.Tests.LiveEngine;

/// <summary>
/// A real container engine for the container-runtime tests, with the offline images built into it: the private engine
/// of <c>images/engine.sh</c> (Debian's dockerd, or Podman serving the Docker API, on its own socket and storage,
/// installed on first use), started here and stopped at the end with everything it runs. Its storage persists, so
/// images built once are found current by the next run.
/// </summary>
public abstract class LiveContainerEngine(string kind, string[] images) : IAsyncLifetime
{
    private static readonly TimeSpan ImageBuildTimeout = TimeSpan.FromMinutes(10);

    private bool _startedHere;

    /// <summary><c>docker</c> or <c>podman</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The engine's address, for <c>--DOCKER_HOST=…</c>.</summary>
    public string DockerHost { get; private set; } = "";

    public DockerClient Client { get; private set; } = null!;

    /// <summary>An engine you run instead of the private one (its images are then built into it), or null.</summary>
    protected abstract string? ExternalEngine { get; }

    public async ValueTask InitializeAsync()
    {
        if (ExternalEngine is { Length: > 0 } external)
        {
            DockerHost = external;
        }
        else
        {
            DockerHost = (await RunScriptAsync("engine.sh", ["start", Kind], null, TimeSpan.FromMinutes(5))).Trim().Split('\n')[^1];
            _startedHere = true;
        }

        Client = new DockerClientConfiguration(new Uri(DockerHost)).CreateClient();
        try
        {
            await RunScriptAsync("build.sh", ["--only", string.Join(',', images)], DockerHost, ImageBuildTimeout);
        }
        catch
        {
            // A fixture that fails to initialise is not disposed: stop the engine it started now.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_startedHere)
        {
            await RunScriptAsync("engine.sh", ["stop", Kind], null, TimeSpan.FromMinutes(2));
        }
    }

    /// <summary>The containers an AppHost with <paramref name="appHostId"/> has in the engine, running or not.</summary>
    public async Task<IList<ContainerListResponse>> ContainersOfAsync(string appHostId, CancellationToken cancellationToken) =>
        await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ContainerNames.AppHostLabel}={appHostId}"] = true },
            },
        }, cancellationToken);

    /// <summary>The <c>docker</c> CLI against this engine (a build needs its context as a tar, which the CLI makes).</summary>
    public Task<string> DockerAsync(TimeSpan timeout, params string[] args) => RunAsync("docker", args, DockerHost, timeout);

    private static Task<string> RunScriptAsync(string script, string[] args, string? dockerHost, TimeSpan timeout) =>
        RunAsync(Path.Combine(Repository.Root, "images", script), args, dockerHost, timeout);

    /// <summary>Runs a command to its end; its standard output on success, its whole output in the failure.</summary>
    private static async Task<string> RunAsync(string command, string[] args, string? dockerHost, TimeSpan timeout)
    {
        var name = $"{Path.GetFileName(command)} {string.Join(' ', args)}";
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (dockerHost is not null)
        {
            start.Environment["DOCKER_HOST"] = dockerHost;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {timeout}:\n{await stderr}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        return await stdout;
    }
}

/// <summary>
/// Debian's dockerd, with every image <c>images/build.sh</c> makes. <c>NUZANTARA_TEST_DOCKER_HOST</c> points the tests at
/// an engine you run instead: the offline images are then built into it, tagged under the upstream names.
/// </summary>
public sealed class LiveDockerEngine() : LiveContainerEngine("docker", [.. InfrastructureImages, "dotnet-aspnet", "python"])
{
    /// <summary>The images of the model's infrastructure resources (folders under <c>images/</c>).</summary>
    public static readonly string[] InfrastructureImages = ["redis", "postgres", "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter"];

    protected override string? ExternalEngine => Environment.GetEnvironmentVariable("NUZANTARA_TEST_DOCKER_HOST");
}

/// <summary>Debian's Podman serving the Docker API, with the infrastructure images; <c>NUZANTARA_TEST_PODMAN_HOST</c> to use your own.</summary>
public sealed class LivePodmanEngine() : LiveContainerEngine("podman", LiveDockerEngine.InfrastructureImages)
{
    protected override string? ExternalEngine => Environment.GetEnvironmentVariable("NUZANTARA_TEST_PODMAN_HOST");
}

/// <summary>The tests that use a live engine run one at a time: each starts a whole stack or more on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class LiveEngineCollection : ICollectionFixture<LiveDockerEngine>, ICollectionFixture<LivePodmanEngine>
{
    public const string Name = "live container engines";
}
