using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Storage;

/// <summary>PostgreSQL's init files and anonymous volumes in Compose and Kubernetes.</summary>
public sealed class PublishedStorageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compose_ships_the_init_files_and_mounts_them_where_the_image_runs_them()
    {
        await using var model = PublishedModel.For("docker-compose");
        var init = model.App("db-init", new Dictionary<string, string> { ["01-schema.sql"] = "CREATE TABLE notes (body text);\n" });
        model.Builder.AddPostgres("pg").WithInitFiles(init);

        await model.PublishAsync(Token);

        Assert.Contains("./pg/01-schema.sql:/docker-entrypoint-initdb.d/01-schema.sql:ro", model.Read("docker-compose.yaml"));
        Assert.Equal("CREATE TABLE notes (body text);\n", model.Read("pg/01-schema.sql"));
    }

    [Fact]
    public async Task Kubernetes_gives_an_anonymous_volume_an_emptyDir_and_claims_only_named_ones()
    {
        await using var model = PublishedModel.For("kubernetes");
        model.Builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithVolume("/var/cache/nginx");

        await model.PublishAsync(Token);

        var web = string.Join("\n", Directory.GetFiles(model.Output, "web*").Select(File.ReadAllText));
        Assert.Contains("emptyDir: {}", web);
        Assert.Contains("mountPath: /var/cache/nginx", web);
        Assert.Contains("kind: Deployment", web);
        Assert.DoesNotContain("volumeClaimTemplates", web);
    }
}
