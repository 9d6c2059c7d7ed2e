using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Storage;

/// <summary>Volumes and bind mounts as the manifest states them: Aspire's names, and only what the model declares.</summary>
public sealed class VolumeManifestTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithDataVolume_names_the_volume_as_Aspire_from_the_application_name_and_its_hash()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddRedis("cache").WithDataVolume();
        model.Builder.AddPostgres("pg").WithDataVolume();

        await model.PublishAsync(Token);

        // Publishing hashes the AppHost's project file name, not its folder, so the manifest is the same wherever it is
        // published from (Aspire 13.6.5 gives the same names: RealAspireManifestTests).
        var application = model.Builder.Environment.ApplicationName;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(application + ".csproj")))[..10];
        var resources = Resources(model);
        Assert.Equal($"{application.ToLowerInvariant()}-{hash}-cache-data", (string?)Volume(resources, "cache")["name"]);
        Assert.Equal($"{application.ToLowerInvariant()}-{hash}-pg-data", (string?)Volume(resources, "pg")["name"]);
        Assert.Equal("/var/lib/postgresql/data", (string?)Volume(resources, "pg")["target"]);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(model.Read("aspire-manifest.json"), Token));
    }

    [Fact]
    public void A_configured_AppHostSha_names_the_volumes_as_in_Aspire()
    {
        using var builder = DistributedApplicationTestingBuilder.Create("--AppHostSha=0123456789ABCDEF");
        var cache = builder.AddRedis("cache").WithDataVolume();

        Assert.EndsWith("-0123456789-cache-data", VolumeNameGenerator.Generate(cache, "data"));
        Assert.Equal(VolumeNameGenerator.Generate(cache, "data"), cache.Resource.OfAnnotation<ContainerMountAnnotation>().Single().Source);
        Assert.Throws<ArgumentException>(() => VolumeNameGenerator.Generate(cache, "no/slash"));
    }

    [Fact]
    public async Task The_manifest_has_no_volume_the_model_did_not_declare_nor_an_anonymous_one()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddPostgres("pg");
        model.Builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithVolume("/var/cache/nginx").WithVolume("nginx-data", "/data");

        await model.PublishAsync(Token);

        var resources = Resources(model);
        Assert.Null(resources["pg"]!["volumes"]);
        // aspire-8.0 requires a volume's name; an anonymous volume's data lasts only as long as the container anyway.
        var named = Volume(resources, "web");
        Assert.Equal("nginx-data", (string?)named["name"]);
        Assert.Equal("/data", (string?)named["target"]);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(model.Read("aspire-manifest.json"), Token));
    }

    [Fact]
    public async Task Compose_keeps_PostgreSQLs_default_volume_and_mounts_an_anonymous_one_by_its_target()
    {
        await using var model = PublishedModel.For("docker-compose");
        model.Builder.AddPostgres("pg");
        model.Builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithVolume("/var/cache/nginx");

        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        Assert.Contains("- pg-data:/var/lib/postgresql/data", compose);
        Assert.Contains("- /var/cache/nginx\n", compose.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Data_bind_mounts_are_published_as_bind_mounts_of_the_data_folders()
    {
        await using var model = PublishedModel.For("manifest");
        var redisData = model.App("redis-data", new Dictionary<string, string> { ["dump.rdb"] = "x" });
        var pgData = model.App("pg-data", new Dictionary<string, string> { ["PG_VERSION"] = "15" });
        model.Builder.AddRedis("cache").WithDataBindMount(redisData, isReadOnly: true);
        model.Builder.AddPostgres("pg").WithDataBindMount(pgData);

        await model.PublishAsync(Token);

        var resources = Resources(model);
        var redisMount = resources["cache"]!["bindMounts"]!.AsArray().Single()!;
        Assert.Equal("/data", (string?)redisMount["target"]);
        Assert.True((bool)redisMount["readOnly"]!);
        Assert.Contains(resources["pg"]!["bindMounts"]!.AsArray(), m => (string?)m!["target"] == "/var/lib/postgresql/data");
        // A bind mount holds the data: no volume is added beside it.
        Assert.Null(resources["pg"]!["volumes"]);
    }

    private static JsonNode Resources(PublishedModel model) => JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!;

    private static JsonNode Volume(JsonNode resources, string resource) => resources[resource]!["volumes"]!.AsArray().Single()!;
}
