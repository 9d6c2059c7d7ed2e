using System.Text.Json.Nodes;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>AddDockerfile, WithBuildArg, PublishAsDockerFile and PublishAsContainer in the three published forms.</summary>
public sealed class DockerfilePublishingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> Worker = new()
    {
        ["Dockerfile"] = "FROM debian:bookworm-slim\nARG VERSION\nCMD [\"sleep\", \"infinity\"]\n",
        ["docker/multi.Dockerfile"] = "FROM debian:bookworm-slim AS build\nFROM debian:bookworm-slim AS runtime\n",
        ["server.js"] = "require('node:http').createServer((_, res) => res.end('ok')).listen(Number(process.env.PORT));\n",
    };

    private static void AddModel(PublishedModel model)
    {
        var directory = model.App("worker", Worker);
        var version = model.Builder.AddParameter("version");
        model.Builder.AddDockerfile("worker", directory).WithBuildArg("VERSION", version).WithBuildArg("DEBUG", false).WithHttpEndpoint(targetPort: 8080);
        model.Builder.AddDockerfile("staged", directory, "docker/multi.Dockerfile", stage: "runtime").WithArgs("--verbose");
        model.Builder.AddDockerfile("as-container", directory).PublishAsContainer();
        model.Builder.AddNodeApp("api", directory, "server.js").WithHttpEndpoint(env: "PORT").PublishAsDockerFile();
    }

    [Fact]
    public async Task The_manifest_writes_every_Dockerfile_build_as_container_v1_with_its_build_as_Aspire_13_6_does()
    {
        await using var model = PublishedModel.For("manifest");
        AddModel(model);

        await model.PublishAsync(Token);

        var text = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(text, Token));
        var resources = JsonNode.Parse(text)!["resources"]!;
        Assert.Equal("""
            {
              "type": "container.v1",
              "build": {
                "context": "../worker",
                "dockerfile": "../worker/Dockerfile",
                "args": {
                  "VERSION": "{version.value}",
                  "DEBUG": "false"
                }
              },
              "bindings": {
                "http": {
                  "scheme": "http",
                  "protocol": "tcp",
                  "transport": "http",
                  "targetPort": 8080
                }
              }
            }
            """, resources["worker"]!.ToJsonString(new() { WriteIndented = true }));
        Assert.Equal("container.v1", (string?)resources["staged"]!["type"]);
        Assert.Equal("""{"context":"../worker","dockerfile":"../worker/docker/multi.Dockerfile","stage":"runtime"}""", resources["staged"]!["build"]!.ToJsonString());
        Assert.Equal("""["--verbose"]""", resources["staged"]!["args"]!.ToJsonString());
        Assert.Equal("""{"type":"container.v1","build":{"context":"../worker","dockerfile":"../worker/Dockerfile"}}""", resources["as-container"]!.ToJsonString());
        // The executable becomes its folder's image; its arguments are this machine's (node server.js), so the image's command runs.
        Assert.Equal("container.v1", (string?)resources["api"]!["type"]);
        Assert.Equal("""{"context":"../worker","dockerfile":"../worker/Dockerfile"}""", resources["api"]!["build"]!.ToJsonString());
        Assert.Null(resources["api"]!["args"]);
        Assert.Equal("{api.bindings.http.targetPort}", (string?)resources["api"]!["env"]!["PORT"]);
    }

    [Fact]
    public async Task WithDockerfile_builds_a_container_s_image_from_a_Dockerfile_and_keeps_the_image_it_names_as_its_base()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("worker", Worker);
        var custom = model.Builder.AddContainer("custom", "docker.io/library/nginx", "1.27").WithDockerfile(directory, "docker/multi.Dockerfile", "runtime");

        await model.PublishAsync(Token);

        var resource = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["custom"]!;
        Assert.Equal("container.v1", (string?)resource["type"]);
        Assert.Equal("""{"context":"../worker","dockerfile":"../worker/docker/multi.Dockerfile","stage":"runtime"}""", resource["build"]!.ToJsonString());
        Assert.True(custom.Resource.TryGetContainerImageName(useBuiltImage: false, out var baseImage));
        Assert.Equal("docker.io/library/nginx:1.27", baseImage);
        Assert.True(custom.Resource.TryGetContainerImageName(out var builtImage));
        Assert.StartsWith("custom:", builtImage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_builds_each_image_from_its_Dockerfile_stage_and_arguments()
    {
        await using var model = PublishedModel.For("docker-compose");
        AddModel(model);

        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        Assert.Contains("""
              worker:
                image: ${WORKER_IMAGE}
                build:
                  context: ../worker
                  dockerfile: Dockerfile
                  args:
                    VERSION: ${VERSION:?set VERSION in .env}
                    DEBUG: "false"
            """, compose);
        Assert.Contains("""
              staged:
                image: ${STAGED_IMAGE}
                build:
                  context: ../worker
                  dockerfile: docker/multi.Dockerfile
                  target: runtime
            """, compose);
        Assert.Contains("WORKER_IMAGE=worker:latest", model.Read(".env"));
    }
}
