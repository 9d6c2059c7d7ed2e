using System.Net;
using Nuzantara.AppHost.Tests.LiveEngine;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.AppHost.Tests;

/// <summary>The services' own images on the offline bases that <c>images/build.sh</c> makes, run by the live engine.</summary>
[Collection(LiveEngineCollection.Name)]
public sealed class ServiceImageTests(LiveDockerEngine engine)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_python_backend_image_builds_on_the_Debian_base_without_a_package_index_and_answers()
    {
        var tag = $"nuzantara-test/python-backend:{Guid.NewGuid():N}";
        await engine.DockerAsync(Timeout, "build", "--network", "host", "--build-arg", "PYTHON_BASE_IMAGE=nuzantara/python:3-debian",
            "-t", tag, Path.Combine(Repository.Root, "Nuzantara.PythonBackend"));
        try
        {
            var port = PortAllocator.FreePort();
            await AssertAnswersAsync(port, "run", "--network", "host", "-e", "HOST=127.0.0.1", "-e", $"PORT={port}", tag);
        }
        finally
        {
            await engine.DockerAsync(Timeout, "image", "rm", "--force", tag);
        }
    }

    [Fact]
    public async Task The_dotnet_runtime_base_runs_a_service_as_its_app_user()
    {
        var output = Directory.GetFiles(Path.Combine(Repository.Root, "Nuzantara.Orchestrator", "bin"), "Nuzantara.Orchestrator.dll", SearchOption.AllDirectories)
            .Select(path => new FileInfo(path)).OrderByDescending(file => file.LastWriteTimeUtc).First().DirectoryName!;
        var port = PortAllocator.FreePort();

        await AssertAnswersAsync(port, "run", "--network", "host", "--user", "app", "-v", $"{output}:/app:ro",
            "-e", $"ASPNETCORE_URLS=http://127.0.0.1:{port}", "nuzantara/dotnet-aspnet:10.0", "dotnet", "/app/Nuzantara.Orchestrator.dll");
    }

    /// <summary>Starts the container detached, waits for <c>/health/live</c> on <paramref name="port"/>, and removes it.</summary>
    private async Task AssertAnswersAsync(int port, params string[] run)
    {
        var name = $"nuzantara-test-{port}";
        await engine.DockerAsync(Timeout, [run[0], "--detach", "--name", name, .. run[1..]]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                try
                {
                    using var live = await http.GetAsync("/health/live", Token);
                    Assert.Equal(HttpStatusCode.OK, live.StatusCode);
                    return;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200, Token);
                }
            }
        }
        catch (HttpRequestException)
        {
            Assert.Fail($"{name} did not answer /health/live within {Timeout}:\n{await engine.DockerAsync(Timeout, "logs", name)}");
        }
        finally
        {
            await engine.DockerAsync(Timeout, "rm", "--force", "--volumes", name);
        }
    }
}
