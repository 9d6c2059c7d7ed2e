namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// Our public API in Aspire's namespaces against Aspire's own packages: no new portability trap (API of ours that would
/// not compile against Aspire) gets in without a line on the allow-list, and docs/aspire-api-coverage.md says where we are.
/// </summary>
public sealed class AspireApiTests
{
    private static readonly Lazy<ApiComparison> Comparison = new(() => ApiComparison.Of(ApiSurfaces.Aspire, ApiSurfaces.Ours));

    [Fact]
    public void Both_sides_are_read_and_a_known_shared_member_matches()
    {
        Assert.Equal(
            ["Aspire.Hosting", "Aspire.Hosting.AppHost", "Aspire.Hosting.PostgreSQL", "Aspire.Hosting.RabbitMQ", "Aspire.Hosting.Redis", "Aspire.Hosting.Testing"],
            AspirePackage.Downloaded.Select(p => p.Id));
        Assert.Contains("Nuzantara.Hosting.dll", ApiSurfaces.OurAssemblies);
        Assert.Contains("Nuzantara.Hosting.Testing.dll", ApiSurfaces.OurAssemblies);
        var supported = Comparison.Value.Supported.Select(e => e.Signature).ToHashSet(StringComparer.Ordinal);
        string[] known =
        [
            "Aspire.Hosting.DistributedApplication :: static Aspire.Hosting.IDistributedApplicationBuilder CreateBuilder(string[] args)",
            "Aspire.Hosting.ResourceBuilderExtensions :: static Aspire.Hosting.ApplicationModel.IResourceBuilder<T> WaitFor<T>(this Aspire.Hosting.ApplicationModel.IResourceBuilder<T> builder, Aspire.Hosting.ApplicationModel.IResourceBuilder<Aspire.Hosting.ApplicationModel.IResource> dependency)",
            "Aspire.Hosting.RedisBuilderExtensions :: static Aspire.Hosting.ApplicationModel.IResourceBuilder<Aspire.Hosting.ApplicationModel.RedisResource> WithRedisCommander(this Aspire.Hosting.ApplicationModel.IResourceBuilder<Aspire.Hosting.ApplicationModel.RedisResource> builder, System.Action<Aspire.Hosting.ApplicationModel.IResourceBuilder<Aspire.Hosting.Redis.RedisCommanderResource>> configureContainer = default, string containerName = default)",
        ];
        var notSupported = known.Where(s => !supported.Contains(s)).ToArray();
        Assert.True(notSupported.Length == 0, $"Not read as supported:{Environment.NewLine}{string.Join(Environment.NewLine, notSupported)}");
    }

    [Fact]
    public void Every_portability_trap_is_on_the_allow_list()
    {
        var allowList = AllowList.Load();
        var unlisted = Comparison.Value.Traps.Where(e => allowList.Allowing(e) is null).Select(e => e.Signature).Order(StringComparer.Ordinal).ToArray();

        Assert.True(unlisted.Length == 0,
            $"{unlisted.Length} public API entries of ours in Aspire.* namespaces are not in Aspire {string.Join("/", AspirePackage.Downloaded.Select(p => p.Version).Distinct())} " +
            $"(code using them would not compile against Aspire). Match Aspire's signature, move the API to a Nuzantara.* namespace, " +
            $"or add the line with a reason to {AllowList.Path}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, unlisted.Select(s => s + AllowList.Separator + "<reason>")));
    }

    [Fact]
    public void Every_allow_list_line_still_allows_something()
    {
        var traps = Comparison.Value.Traps.ToArray();
        var stale = AllowList.Load().Lines.Where(l => !traps.Any(l.Covers)).Select(l => $"line {l.Number}: {l.Pattern}").ToArray();

        Assert.True(stale.Length == 0, $"These lines of {AllowList.Path} match no trap any more: delete them.{Environment.NewLine}{string.Join(Environment.NewLine, stale)}");
    }

    [Fact]
    public void The_coverage_report_is_up_to_date()
    {
        var report = CoverageReport.Write(Comparison.Value, AspirePackage.Downloaded, ApiSurfaces.OurAssemblies, AllowList.Load());
        if (Environment.GetEnvironmentVariable("NUZANTARA_UPDATE_API_REPORT") == "1")
        {
            File.WriteAllText(CoverageReport.Path, report);
        }

        Assert.True(File.Exists(CoverageReport.Path), $"No report at {CoverageReport.Path}: run the tests once with NUZANTARA_UPDATE_API_REPORT=1 and review what it writes.");
        Assert.True(File.ReadAllText(CoverageReport.Path) == report,
            $"{CoverageReport.Path} is out of date ({CoverageReport.Headline(Comparison.Value)}): NUZANTARA_UPDATE_API_REPORT=1 rewrites it.");
    }
}
