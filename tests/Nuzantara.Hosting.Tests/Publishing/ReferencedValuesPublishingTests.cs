using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Publishing;

/// <summary>AddConnectionString and AddExternalService published to Compose and Kubernetes: the referencing service carries the value.</summary>
public sealed class ReferencedValuesPublishingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("docker-compose")]
    [InlineData("kubernetes")]
    public async Task A_connection_string_and_an_external_service_reach_the_referencing_service(string publisher)
    {
        await using var model = PublishedModel.For(publisher);
        model.Builder.Configuration["ConnectionStrings:orders"] = "never-published";
        var orders = model.Builder.AddConnectionString("orders");
        var partner = model.Builder.AddExternalService("partner", "https://partner.example.com/");
        model.Builder.AddContainer("api", "docker.io/library/busybox", "1.37").WithReference(orders).WithReference(partner);

        await model.PublishAsync(Token);

        var published = string.Join("\n", Directory.GetFiles(model.Output, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains("ConnectionStrings__orders", published);
        Assert.Contains("https://partner.example.com/", published);
        Assert.DoesNotContain("never-published", published);
        // The external service is no workload of its own.
        Assert.DoesNotContain("  partner:", published);
        Assert.DoesNotContain("name: partner", published);
    }
}
