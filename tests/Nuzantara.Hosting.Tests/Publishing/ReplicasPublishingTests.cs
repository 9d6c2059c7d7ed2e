using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Publishing;

/// <summary>WithReplicas published as Aspire publishes it: the Kubernetes Deployment's replicas; the manifest and Compose have no field for it.</summary>
public sealed class ReplicasPublishingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_project_with_three_replicas_is_a_Deployment_of_three()
    {
        await using var model = PublishedModel.For("kubernetes");
        model.Builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("api").WithHttpEndpoint().WithReplicas(3);
        model.Builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("single").WithHttpEndpoint();

        await model.PublishAsync(Token);

        var published = Directory.GetFiles(model.Output, "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var api = Assert.Single(published, p => p.Contains("kind: Deployment") && p.Contains("name: api\n"));
        Assert.Contains("replicas: 3", api);
        var single = Assert.Single(published, p => p.Contains("kind: Deployment") && p.Contains("name: single\n"));
        Assert.Contains("replicas: 1", single);
    }

    [Fact]
    public async Task The_manifest_has_no_replicas_as_in_Aspire()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("api").WithHttpEndpoint().WithReplicas(3);

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Contains("\"api\"", manifest);
        Assert.DoesNotContain("\"replicas\"", manifest, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }
}
