using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

#pragma warning disable ASPIREDOCKERFILEBUILDER001 // Aspire's users suppress it the same way (playground withdockerfile).

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>WithDockerfileFactory, WithDockerfileBuilder and WithBuildSecret in the published forms, as the playground's withdockerfile AppHost uses them.</summary>
public sealed class DockerfileFactoryPublishingTests
{
    private const string SecretValue = "s3cret-build-token-4711";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> Worker = new()
    {
        ["Dockerfile"] = "FROM debian:bookworm-slim\nRUN --mount=type=secret,id=TOKEN cat /run/secrets/TOKEN > /dev/null\n",
        ["main.sh"] = "echo hi\n",
    };

    [Fact]
    public async Task The_factories_text_and_the_builder_s_output_are_published_next_to_the_manifest_which_builds_from_them()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("worker", Worker);
        model.Builder.AddContainer("sync", "sync-image").WithDockerfileFactory(directory, context => $"FROM debian:bookworm-slim\nLABEL built-for={context.Resource.Name}\n");
        model.Builder.AddContainer("async", "async-image").WithDockerfileFactory(directory, async context =>
        {
            await Task.Delay(1, context.CancellationToken);
            return "FROM debian:bookworm-slim\nCMD [\"sh\", \"main.sh\"]\n";
        }, stage: "final");
        var cache = model.Builder.AddRedis("cache")
            .WithDockerfileBuilder(directory, context =>
            {
                Assert.True(context.Resource.TryGetContainerImageName(useBuiltImage: false, out var image));
                context.Builder.From(image).Run("echo built on redis");
            })
            .WithDockerfileBuilder(directory, async context =>
            {
                await Task.Delay(1, context.CancellationToken);
                context.Builder.Stages[0].Comment("the second callback adds to the first");
            });
        var redisImage = cache.Resource.OfAnnotation<ContainerImageAnnotation>().Single().FullName;

        await model.PublishAsync(Token);

        Assert.Equal("FROM debian:bookworm-slim\nLABEL built-for=sync\n", model.Read("sync.Dockerfile"));
        Assert.Equal("FROM debian:bookworm-slim\nCMD [\"sh\", \"main.sh\"]\n", model.Read("async.Dockerfile"));
        Assert.Equal($"FROM {redisImage}\nRUN echo built on redis\n# the second callback adds to the first\n", model.Read("cache.Dockerfile"));
        var text = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(text, Token));
        var resources = JsonNode.Parse(text)!["resources"]!;
        // As Aspire 13.6.5 writes them: container.v1 with the build, the Dockerfile the one next to the manifest.
        Assert.Equal("container.v1", (string?)resources["sync"]!["type"]);
        Assert.Equal("""{"context":"../worker","dockerfile":"sync.Dockerfile"}""", resources["sync"]!["build"]!.ToJsonString());
        Assert.Equal("""{"context":"../worker","dockerfile":"async.Dockerfile","stage":"final"}""", resources["async"]!["build"]!.ToJsonString());
        Assert.Equal("""{"context":"../worker","dockerfile":"cache.Dockerfile"}""", resources["cache"]!["build"]!.ToJsonString());
        Assert.Null(resources["cache"]!["image"]);
        Assert.Equal("/bin/sh", (string?)resources["cache"]!["entrypoint"]);
        Assert.False(Directory.EnumerateFiles(directory, "*.Dockerfile").Any(), "nothing is written into the app's folder");
    }

    [Fact]
    public async Task A_build_secret_is_in_the_manifest_as_Aspire_writes_it()
    {
        await using var model = PublishedModel.For("manifest");
        AddSecretModel(model);

        await model.PublishAsync(Token);

        var text = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(text, Token));
        Assert.Equal("""
            {
              "type": "container.v1",
              "build": {
                "context": "../worker",
                "dockerfile": "../worker/Dockerfile",
                "secrets": {
                  "TOKEN": {
                    "type": "env",
                    "value": "{token.value}"
                  }
                }
              }
            }
            """, JsonNode.Parse(text)!["resources"]!["worker"]!.ToJsonString(new() { WriteIndented = true }));
    }

    [Fact]
    public async Task Compose_passes_a_build_secret_from_its_parameter_s_env_variable()
    {
        await using var model = PublishedModel.For("docker-compose");
        AddSecretModel(model);

        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        Assert.Contains("""
                build:
                  context: ../worker
                  dockerfile: Dockerfile
                  secrets:
                  - source: worker-build-TOKEN
                    target: TOKEN
            """, compose);
        Assert.Contains("""
            secrets:
              worker-build-TOKEN:
                environment: TOKEN
            """, compose);
        Assert.Contains("TOKEN=", model.Read(".env"));
    }

    [Theory]
    [InlineData("manifest")]
    [InlineData("docker-compose")]
    [InlineData("kubernetes")]
    public async Task A_build_secret_s_value_is_in_no_published_file(string publisher)
    {
        await using var model = PublishedModel.For(publisher);
        AddSecretModel(model);

        await model.PublishAsync(Token);

        var files = Directory.EnumerateFiles(model.Output, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.DoesNotContain(SecretValue, File.ReadAllText(file), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_factory_that_fails_fails_the_publish_naming_the_resource()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("worker", Worker);
        model.Builder.AddContainer("broken", "broken-image").WithDockerfileFactory(directory, string (DockerfileFactoryContext _) => throw new InvalidOperationException("no template found"));

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => model.PublishAsync(Token));

        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no template found", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void A_build_secret_needs_a_Dockerfile_first()
    {
        using var builder = Aspire.Hosting.Testing.DistributedApplicationTestingBuilder.Create();
        var token = builder.AddParameter("token", secret: true);
        var container = builder.AddContainer("plain", "debian:bookworm-slim");

        var error = Assert.Throws<DistributedApplicationException>(() => container.WithBuildSecret("TOKEN", token));

        Assert.Contains("'plain'", error.Message, StringComparison.Ordinal);
        Assert.Contains("WithDockerfileFactory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_parameter_is_refused_as_a_build_argument_pointing_at_WithBuildSecret()
    {
        using var builder = Aspire.Hosting.Testing.DistributedApplicationTestingBuilder.Create();
        var token = builder.AddParameter("token", secret: true);
        var worker = builder.AddDockerfile("worker", Path.GetTempPath());

        var error = Assert.Throws<DistributedApplicationException>(() => worker.WithBuildArg("TOKEN", token));

        Assert.Contains("WithBuildSecret(\"TOKEN\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(worker.Resource.OfAnnotation<DockerfileBuildAnnotation>().Single().BuildArguments);
    }

    private static void AddSecretModel(PublishedModel model)
    {
        model.Builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Parameters:token"] = SecretValue });
        var directory = model.App("worker", Worker);
        var token = model.Builder.AddParameter("token", secret: true);
        model.Builder.AddDockerfile("worker", directory).WithBuildSecret("TOKEN", token);
    }
}
