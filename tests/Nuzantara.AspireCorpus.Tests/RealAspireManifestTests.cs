using Nuzantara.AspireCorpus;

namespace Nuzantara.AspireCorpus.Tests;

/// <summary>
/// The same AppHost source, published by this engine and by the real Aspire packages (<see cref="RealAspireVersions"/>),
/// gives the same manifest, apart from the differences listed here, each with its reason. A new difference fails, and so
/// does a listed one that is gone (take it off the list). Only AppHosts whose integrations NuGet serves as real Aspire
/// packages can be compared: the starter template, and the AspireShop and Parameters corpus AppHosts.
/// </summary>
public sealed class RealAspireManifestTests(CorpusRun corpus, TemplateCorpusRun templates)
{
    [Fact]
    public async Task The_starter_template_s_manifest_is_Aspire_s()
    {
        var differences = await CompareAsync(templates.Named("Starter.AppHost"), templates.Templates, templates.Scratch);

        AssertOnlyKnown(differences, new Dictionary<string, string>());
    }

    [Fact]
    public async Task AspireShop_s_manifest_is_Aspire_s()
    {
        var differences = await CompareAsync(corpus.Named("AspireShop.AppHost"), Path.Combine(Repository.Root, "tests", "AspireCorpus"), corpus.Scratch);

        AssertOnlyKnown(differences, new Dictionary<string, string>());
    }

    [Fact]
    public async Task Parameters_manifest_is_Aspire_s()
    {
        var differences = await CompareAsync(corpus.Named("Parameters.AppHost"), Path.Combine(Repository.Root, "tests", "AspireCorpus"), corpus.Scratch);

        AssertOnlyKnown(differences, new Dictionary<string, string>());
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
