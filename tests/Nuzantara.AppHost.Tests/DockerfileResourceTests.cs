using Microsoft.Extensions.DependencyInjection;
using Nuzantara.AppHost.Tests.LiveEngine;

namespace Nuzantara.AppHost.Tests;

/// <summary>
/// <c>AddDockerfile</c> on a real Docker engine: the container runtime builds the image from the folder's Dockerfile
/// (its stage and build arguments), runs it, checks its health over the published port, and removes it on stop.
/// The Dockerfile starts from an offline base that <c>images/build.sh</c> made, as no registry is reachable here.
/// </summary>
[Collection(LiveEngineCollection.Name)]
public sealed class DockerfileResourceTests(LiveDockerEngine engine)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Dockerfile_resource_is_built_with_its_stage_and_arguments_run_healthy_and_removed_on_stop()
    {
        var context = Directory.CreateTempSubdirectory("nuzantara-dockerfile-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(context, "docker"));
            File.WriteAllText(Path.Combine(context, "docker", "site.Dockerfile"), """
                FROM nuzantara/python:3-debian AS runtime
                ARG GREETING
                RUN mkdir /site && echo "$GREETING" > /site/index.html
                CMD ["python3", "-m", "http.server", "8000", "--directory", "/site"]

                FROM runtime AS unused
                RUN false
                """);
            await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "container", $"--DOCKER_HOST={engine.DockerHost}");
            var greeting = $"hello-{Guid.NewGuid():N}";
            builder.AddDockerfile("site", context, "docker/site.Dockerfile", stage: "runtime")
                .WithBuildArg("GREETING", greeting)
                .WithHttpEndpoint(targetPort: 8000)
                .WithHttpHealthCheck("/");
            await using var app = await builder.BuildAsync(Token);
            await app.StartAsync(Token);
            var appHostId = app.Services.GetRequiredService<Hosting.Orchestration.Container.ContainerRuntime>().AppHostId;

            await app.ResourceNotifications.WaitForResourceHealthyAsync("site", Token).WaitAsync(Timeout, Token);
            using var http = app.CreateHttpClient("site");
            Assert.Equal(greeting, (await http.GetStringAsync("/", Token)).Trim());
            Assert.Single(await engine.ContainersOfAsync(appHostId, Token), c => c.State == "running");

            await app.StopAsync(Token);
            Assert.Empty(await engine.ContainersOfAsync(appHostId, Token));
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }
}
