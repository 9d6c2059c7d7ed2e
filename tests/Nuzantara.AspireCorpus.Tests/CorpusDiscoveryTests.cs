namespace Nuzantara.AspireCorpus.Tests;

/// <summary>What the checker takes a project for, from its project file.</summary>
public sealed class CorpusDiscoveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nuzantara-corpus-discovery-").FullName;

    [Fact]
    public void An_AppHost_named_after_a_test_framework_is_an_AppHost_and_its_tests_are_tests()
    {
        Write("NUnitStarter.AppHost/NUnitStarter.AppHost.csproj", """
            <Project Sdk="Aspire.AppHost.Sdk/13.6.5">
              <ItemGroup><ProjectReference Include="..\NUnitStarter.Web\NUnitStarter.Web.csproj" /></ItemGroup>
            </Project>
            """);
        Write("NUnitStarter.Tests/NUnitStarter.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Aspire.Hosting.Testing" Version="13.6.5" />
                <PackageReference Include="NUnit" Version="4.6.1" />
              </ItemGroup>
            </Project>
            """);

        var projects = CorpusDiscovery.Find(_root).ToDictionary(p => p.Name, p => p.Kind);

        Assert.Equal(CorpusProjectKind.AppHost, projects["NUnitStarter.AppHost"]);
        Assert.Equal(CorpusProjectKind.TestProject, projects["NUnitStarter.Tests"]);
    }

    [Fact]
    public void An_AppHost_SDK_project_with_a_test_framework_package_is_a_test_project()
    {
        Write("Tests/Tests.csproj", """
            <Project Sdk="Aspire.AppHost.Sdk/13.6.5">
              <ItemGroup><PackageReference Include="MSTest.Sdk" Version="4.0.0" /></ItemGroup>
            </Project>
            """);

        Assert.Equal(CorpusProjectKind.TestProject, Assert.Single(CorpusDiscovery.Find(_root)).Kind);
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
