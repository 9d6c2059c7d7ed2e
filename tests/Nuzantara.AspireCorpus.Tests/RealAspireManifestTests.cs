namespace Nuzantara.AspireCorpus.Tests;

/// <summary>
/// The same AppHost source, published by this engine and by the real Aspire packages (<see cref="RealAspireVersions"/>),
/// gives the same manifest, apart from the differences listed here, each with its reason. A new difference fails, and so
/// does a listed one that is gone (take it off the list). Only AppHosts whose integrations NuGet serves as real Aspire
/// packages can be compared: the starter template, and the AspireShop and Parameters corpus AppHosts.
/// </summary>
public sealed class RealAspireManifestTests(CorpusRun corpus, TemplateCorpusRun templates)
{
    private const string DefaultHttpsEndpoint =
        "Aspire 13.6 gives every web project a default https endpoint when publishing (no port, the http endpoint's target " +
        "port, left out of HTTPS_PORTS), and references to it. Not adopted: the engine's Compose and Kubernetes outputs " +
        "would publish a port nothing serves, and service discovery (https+http://) would prefer it.";

    private const string ImageVersions =
        "Images are the versions the process runtime and the images built here from Debian run (Redis 7, PostgreSQL 15), " +
        "so that data moves between a run and a deployment; Aspire 13.6 uses Redis 8.6 and PostgreSQL 18.3.";

    private const string RedisTls =
        "Aspire 13.6 appends a TLS parameter to Redis's connection string, a value that is empty unless TLS is configured; " +
        "the engine has no TLS for Redis.";

    private const string RedisCommand =
        "The engine's command execs redis-server (so it is PID 1 and gets the stop signal) and quotes the password (a " +
        "password with spaces works, WithPassword); Aspire runs it under the shell unquoted.";

    private const string DatabaseInitScript =
        "The engine creates the model's databases in a deployment with an init script mounted into PostgreSQL; Aspire 13.6 " +
        "creates them only when running.";

    private const string AlphanumericPostgresPassword =
        "The engine generates PostgreSQL passwords without special characters: they also go into ADO.NET connection " +
        "strings and command lines; Aspire allows them.";

    private static readonly Dictionary<string, string> StarterDifferences = new()
    {
        ["resources.apiservice.bindings.https"] = DefaultHttpsEndpoint,
        ["resources.webfrontend.bindings.https"] = DefaultHttpsEndpoint,
        ["resources.webfrontend.env.APISERVICE_HTTPS"] = DefaultHttpsEndpoint,
        ["resources.webfrontend.env.services__apiservice__https__0"] = DefaultHttpsEndpoint,
    };

    private static readonly Dictionary<string, string> AspireShopDifferences = new()
    {
        ["resources.basketservice.bindings.https"] = DefaultHttpsEndpoint,
        ["resources.catalogdbmanager.bindings.https"] = DefaultHttpsEndpoint,
        ["resources.catalogservice.bindings.https"] = DefaultHttpsEndpoint,
        ["resources.frontend.bindings.https"] = DefaultHttpsEndpoint,
        ["resources.frontend.env.BASKETSERVICE_HTTPS"] = DefaultHttpsEndpoint,
        ["resources.frontend.env.CATALOGSERVICE_HTTPS"] = DefaultHttpsEndpoint,
        ["resources.frontend.env.services__basketservice__https__0"] = DefaultHttpsEndpoint,
        ["resources.frontend.env.services__catalogservice__https__0"] = DefaultHttpsEndpoint,
        ["resources.basketcache.image"] = ImageVersions,
        ["resources.postgres.image"] = ImageVersions,
        ["resources.basketcache.connectionString"] = RedisTls,
        ["resources.cond-basketcache-bindings-tcp-tlsenabled-8c2280ff"] = RedisTls,
        ["resources.basketcache.args"] = RedisCommand,
        ["resources.postgres.bindMounts"] = DatabaseInitScript,
        ["resources.postgres-password.inputs.value.default.generate.special"] = AlphanumericPostgresPassword,
    };

    private static readonly Dictionary<string, string> ParametersDifferences = new()
    {
        ["resources.api.bindings.https"] = DefaultHttpsEndpoint,
    };

    [Fact]
    public async Task The_starter_template_s_manifest_is_Aspire_s()
    {
        var differences = await CompareAsync(templates.Named("Starter.AppHost"), templates.Templates, templates.Scratch);

        AssertOnlyKnown(differences, StarterDifferences);
    }

    [Fact]
    public async Task AspireShop_s_manifest_is_Aspire_s()
    {
        var differences = await CompareAsync(corpus.Named("AspireShop.AppHost"), Path.Combine(Repository.Root, "tests", "AspireCorpus"), corpus.Scratch);

        AssertOnlyKnown(differences, AspireShopDifferences);
    }

    [Fact]
    public async Task Parameters_manifest_is_Aspire_s()
    {
        var differences = await CompareAsync(corpus.Named("Parameters.AppHost"), Path.Combine(Repository.Root, "tests", "AspireCorpus"), corpus.Scratch);

        AssertOnlyKnown(differences, ParametersDifferences);
    }

    private static async Task<IReadOnlyList<ManifestDifference>> CompareAsync(ProjectResult ours, string source, string scratch)
    {
        Assert.True(ours.ManifestValid, $"{ours.Project.DisplayPath} published no valid manifest on this engine.");
        var aspire = await RealAspireManifest.PublishAsync(source, ours.Project.DisplayPath, scratch, RealAspireVersions.Current, TestContext.Current.CancellationToken);
        return ManifestComparison.Compare(ours.Manifest!.ManifestPath!, ours.Project.CorpusRoot, aspire.ManifestPath, aspire.CorpusCopy);
    }

    private static void AssertOnlyKnown(IReadOnlyList<ManifestDifference> differences, IReadOnlyDictionary<string, string> known)
    {
        var unexpected = differences.Where(d => !known.ContainsKey(d.Path)).Select(d => d.ToString()).ToList();
        var gone = known.Keys.Except(differences.Select(d => d.Path)).ToList();

        Assert.True(unexpected.Count == 0, "Differences from Aspire's manifest:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected));
        Assert.True(gone.Count == 0, "Listed differences that are gone (take them off the list): " + string.Join(", ", gone));
    }
}
