using System.Web;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Tests.ApplicationModel;

namespace Nuzantara.Hosting.Tests.Orchestration.Container;

/// <summary>AddDockerfile under the container runtime, against <see cref="FakeDockerEngine"/>: the image is built in the engine, then run.</summary>
public sealed class DockerfileBuildTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_launch_builds_the_image_from_the_Dockerfile_stage_and_arguments_then_runs_it()
    {
        var context = Directory.CreateTempSubdirectory("nuzantara-dockerfile-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(context, "docker"));
            File.WriteAllText(Path.Combine(context, "docker", "app.Dockerfile"), "FROM debian:bookworm-slim AS runtime\nARG VERSION\n");
            File.WriteAllText(Path.Combine(context, "main.sh"), "echo hi\n");
            await using var builder = DistributedApplicationTestingBuilder.Create();
            await using var engine = await FakeDockerEngine.StartAsync(Path.Combine(Path.GetTempPath(), "nzfe-" + Guid.NewGuid().ToString("N")[..8]), Token);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DOCKER_HOST"] = engine.DockerHost });
            var worker = builder.AddDockerfile("worker", context, "docker/app.Dockerfile", stage: "runtime").WithBuildArg("VERSION", 3);
            var options = TestModel.Resolve(builder);
            await using var app = await builder.BuildAsync(Token);
            Assert.Null(await app.Services.GetRequiredService<ContainerEngine>().ProbeAsync(Token));
            var runtime = app.Services.GetRequiredService<ContainerRuntime>();

            await runtime.LaunchAsync(worker.Resource, await TestModel.LaunchSpecAsync(builder, options, worker.Resource), Token);

            var (query, files) = Assert.Single(engine.Builds);
            var parameters = HttpUtility.ParseQueryString(query);
            var image = worker.Resource.OfAnnotation<ContainerImageAnnotation>().Single().FullName;
            Assert.Equal(image, parameters["t"]);
            Assert.Equal("docker/app.Dockerfile", parameters["dockerfile"]);
            Assert.Equal("runtime", parameters["target"]);
            Assert.Equal("""{"VERSION":"3"}""", parameters["buildargs"]);
            Assert.Equal(["docker/", "docker/app.Dockerfile", "main.sh"], files.Order(StringComparer.Ordinal));
            Assert.DoesNotContain(engine.Requests, r => r.StartsWith("POST /images/create", StringComparison.Ordinal));
            Assert.Equal(image, engine.Created[$"nuzantara-{runtime.AppHostId}-worker"]["Image"]!.GetValue<string>());
            Assert.Contains(app.ResourceLogs.GetLines("worker"), l => l.Text == "Step 1/1 : FROM debian:bookworm-slim");
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    [Fact]
    public async Task A_launch_builds_the_image_from_the_Dockerfile_the_factory_writes_sent_with_the_context()
    {
        var context = Directory.CreateTempSubdirectory("nuzantara-dockerfile-").FullName;
        string? written = null;
        try
        {
            File.WriteAllText(Path.Combine(context, "main.sh"), "echo hi\n");
            await using var builder = DistributedApplicationTestingBuilder.Create();
            await using var engine = await FakeDockerEngine.StartAsync(Path.Combine(Path.GetTempPath(), "nzfe-" + Guid.NewGuid().ToString("N")[..8]), Token);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DOCKER_HOST"] = engine.DockerHost });
            var generated = builder.AddContainer("generated", "generated-image")
                .WithDockerfileFactory(context, factory => Task.FromResult($"FROM debian:bookworm-slim\nLABEL resource={factory.Resource.Name}\nCOPY main.sh /\n"));
            written = generated.Resource.OfAnnotation<DockerfileBuildAnnotation>().Single().DockerfilePath;
            var options = TestModel.Resolve(builder);
            await using var app = await builder.BuildAsync(Token);
            Assert.Null(await app.Services.GetRequiredService<ContainerEngine>().ProbeAsync(Token));
            var runtime = app.Services.GetRequiredService<ContainerRuntime>();

            await runtime.LaunchAsync(generated.Resource, await TestModel.LaunchSpecAsync(builder, options, generated.Resource), Token);

            var (query, files) = Assert.Single(engine.Builds);
            var parameters = HttpUtility.ParseQueryString(query);
            Assert.True(generated.Resource.TryGetContainerImageName(out var image));
            Assert.StartsWith("generated:", image, StringComparison.Ordinal);
            Assert.Equal(image, parameters["t"]);
            // The context is sent as it is, the Dockerfile written by code with it: nothing is written into the app's folder.
            Assert.Equal([".nuzantara.Dockerfile", "main.sh"], files.Order(StringComparer.Ordinal));
            Assert.Equal(".nuzantara.Dockerfile", parameters["dockerfile"]);
            Assert.Equal("FROM debian:bookworm-slim\nLABEL resource=generated\nCOPY main.sh /\n", Assert.Single(engine.BuiltDockerfiles));
            Assert.Equal(["main.sh"], Directory.EnumerateFiles(context).Select(Path.GetFileName));
            Assert.Equal(image, engine.Created[$"nuzantara-{runtime.AppHostId}-generated"]["Image"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(context, recursive: true);
            if (written is not null && Directory.Exists(Path.GetDirectoryName(written)))
            {
                Directory.Delete(Path.GetDirectoryName(written)!, recursive: true);
            }
        }
    }
}
