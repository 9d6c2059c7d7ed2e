namespace Nuzantara.AspireCorpus.Tests;

/// <summary>The experimental-API suppressions a corpus keeps in its Directory.Build.props survive the rewrite, and only those.</summary>
public sealed class AspireWarningSuppressionsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nuzantara-corpus-nowarn-").FullName;

    [Fact]
    public void Aspire_ids_of_the_Directory_Build_props_above_the_project_are_kept()
    {
        var app = Directory.CreateDirectory(Path.Combine(_root, "FileBasedApps")).FullName;
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"),
            "<Project><PropertyGroup><NoWarn>$(NoWarn),1573,1591,ASPIREINTERACTION001</NoWarn></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"),
            "<Project><PropertyGroup><NoWarn>$(NoWarn);ASPIRECSHARPAPPS001;CS8618</NoWarn></PropertyGroup></Project>");

        var ids = AspireWarningSuppressions.For(Path.Combine(app, "apphost.cs"), _root);

        Assert.Equal(["ASPIRECSHARPAPPS001", "ASPIREINTERACTION001"], ids);
    }

    [Fact]
    public void Files_above_the_corpus_root_are_not_read()
    {
        var corpus = Directory.CreateDirectory(Path.Combine(_root, "corpus")).FullName;
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project><PropertyGroup><NoWarn>ASPIREPIPELINES001</NoWarn></PropertyGroup></Project>");

        Assert.Empty(AspireWarningSuppressions.For(Path.Combine(corpus, "App", "App.csproj"), corpus));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
