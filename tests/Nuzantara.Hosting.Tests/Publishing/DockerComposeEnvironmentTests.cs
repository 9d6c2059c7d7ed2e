using Aspire.Hosting.Docker;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Publishing;

/// <summary>
/// AddDockerComposeEnvironment: with it in the model, <c>--publisher default</c> (what <c>aspire publish</c> passes)
/// writes the docker-compose publisher's files, with the environment's network name and dashboard setting.
/// </summary>
public sealed class DockerComposeEnvironmentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_publisher_writes_the_same_compose_files_as_the_docker_compose_publisher()
    {
        await using var viaEnvironment = PublishedModel.For("default");
        viaEnvironment.Builder.AddDockerComposeEnvironment("compose");
        AddApplication(viaEnvironment.Builder);
        await using var direct = PublishedModel.For("docker-compose");
        AddApplication(direct.Builder);

        await viaEnvironment.PublishAsync(Token);
        await direct.PublishAsync(Token);

        var compose = viaEnvironment.Read("docker-compose.yaml");
        Assert.Equal(direct.Read("docker-compose.yaml"), compose);
        Assert.Equal(direct.Read(".env"), viaEnvironment.Read(".env"));
        Assert.Contains("  api:\n", compose);
        Assert.Contains("  aspire-dashboard:\n", compose);
        Assert.DoesNotContain("compose:", compose);
    }

    [Fact]
    public async Task Its_network_name_and_a_disabled_dashboard_shape_the_compose_file()
    {
        await using var model = PublishedModel.For("default");
        model.Builder.AddDockerComposeEnvironment("compose")
            .WithProperties(e => e.DefaultNetworkName = "shop-net")
            .WithDashboard(false);
        AddApplication(model.Builder);

        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        Assert.DoesNotContain("aspire-dashboard", compose);
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", compose);
        Assert.Contains("networks:\n  shop-net:", compose);
        Assert.DoesNotContain("- aspire\n", compose);
        Assert.DoesNotContain("ASPIRE_DASHBOARD", model.Read(".env"));
    }

    [Fact]
    public async Task The_default_publisher_without_an_environment_says_how_to_add_one()
    {
        await using var model = PublishedModel.For("default");
        AddApplication(model.Builder);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => model.PublishAsync(Token));

        Assert.Contains("AddDockerComposeEnvironment", error.Message);
        Assert.False(File.Exists(Path.Combine(model.Output, "docker-compose.yaml")));
    }

    [Fact]
    public async Task In_run_mode_it_is_no_resource_of_the_model()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var environment = builder.AddDockerComposeEnvironment("compose");

        Assert.IsType<DockerComposeEnvironmentResource>(environment.Resource);
        Assert.DoesNotContain(builder.Resources, r => r.Name == "compose");
    }

    [Fact]
    public async Task The_manifest_leaves_it_out()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddDockerComposeEnvironment("compose");
        AddApplication(model.Builder);

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.DoesNotContain("\"compose\"", manifest);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }

    private static void AddApplication(IDistributedApplicationTestingBuilder builder)
    {
        var cache = builder.AddRedis("cache");
        builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("api").WithHttpEndpoint().WithExternalHttpEndpoints().WithReference(cache).WaitFor(cache);
    }
}
