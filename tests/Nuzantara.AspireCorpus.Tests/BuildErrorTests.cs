namespace Nuzantara.AspireCorpus.Tests;

/// <summary>How the checker reads MSBuild's error lines and names what is missing (lines as a corpus run printed them).</summary>
public sealed class BuildErrorTests
{
    [Fact]
    public void A_compiler_error_names_the_project_and_the_missing_method()
    {
        var error = BuildError.Parse(
            "/tmp/s/0-samples/aspire-shop/AspireShop.AppHost/AppHost.cs(5,6): error CS1061: 'IResourceBuilder<PostgresServerResource>' does not contain a definition for 'WithPgAdmin' and no accessible extension method 'WithPgAdmin' accepting a first argument of type 'IResourceBuilder<PostgresServerResource>' could be found (are you missing a using directive or an assembly reference?) [/tmp/s/0-samples/aspire-shop/AspireShop.AppHost/AspireShop.AppHost.csproj::TargetFramework=net10.0]");

        Assert.NotNull(error);
        Assert.Equal("/tmp/s/0-samples/aspire-shop/AspireShop.AppHost/AspireShop.AppHost.csproj", error.Project);
        Assert.Equal("CS1061", error.Code);
        Assert.Equal("WithPgAdmin", error.MissingApi);
    }

    [Fact]
    public void A_restore_error_of_the_generated_solution_belongs_to_the_project_that_failed()
    {
        var error = BuildError.Parse(
            "/tmp/s/1-playground/pipelines/Pipelines.AppHost/Pipelines.AppHost.csproj : error NU1101: Unable to find package Azure.Identity. No packages exist with this id in source(s): /root/.nuget/packages [/tmp/s/corpus.slnx]");

        Assert.NotNull(error);
        Assert.Equal("/tmp/s/1-playground/pipelines/Pipelines.AppHost/Pipelines.AppHost.csproj", error.Project);
        Assert.Equal("package Azure.Identity", error.MissingApi);
    }

    [Fact]
    public void An_error_without_a_code_is_read_too()
    {
        var error = BuildError.Parse(
            "/usr/share/dotnet/sdk/10.0.401/Microsoft.Common.CurrentVersion.targets(1891,5): error : Project '../ClientAppsIntegration.WPF/ClientAppsIntegration.WPF.csproj' targets 'net10.0-windows'. It cannot be referenced by a project that targets '.NETCoreApp,Version=v10.0'. [/tmp/s/ClientAppsIntegration.AppHost/ClientAppsIntegration.AppHost.csproj]");

        Assert.NotNull(error);
        Assert.Equal("", error.Code);
        Assert.Equal("/tmp/s/ClientAppsIntegration.AppHost/ClientAppsIntegration.AppHost.csproj", error.Project);
        Assert.StartsWith("Project '../ClientAppsIntegration.WPF/", error.Message);
    }

    [Theory]
    [InlineData("CS0103", "The name 'ContainerLifetime' does not exist in the current context", "ContainerLifetime")]
    [InlineData("CS0246", "The type or namespace name 'YarpResource' could not be found (are you missing a using directive or an assembly reference?)", "type YarpResource")]
    [InlineData("CS0234", "The type or namespace name 'Lifecycle' does not exist in the namespace 'Aspire.Hosting' (are you missing an assembly reference?)", "Aspire.Hosting.Lifecycle")]
    [InlineData("CS1739", "The best overload for 'WithHttpHealthCheck' does not have a parameter named 'statusCode'", "WithHttpHealthCheck(statusCode:)")]
    [InlineData("CS1501", "No overload for method 'AddDatabase' takes 4 arguments", "AddDatabase(4 arguments)")]
    [InlineData("NU1100", "Unable to resolve 'Pgvector (>= 0.3.2)' for 'net10.0'.", "package Pgvector")]
    public void The_missing_API_is_named_as_a_reader_looks_it_up(string code, string message, string api) =>
        Assert.Equal(api, MissingApi.Of(code, message));

    [Fact]
    public void An_error_that_names_no_API_keeps_its_code_and_message()
    {
        Assert.Equal("CS0029: Cannot implicitly convert type 'string' to 'char'", MissingApi.Of("CS0029", "Cannot implicitly convert type 'string' to 'char'"));
        Assert.Null(BuildError.Parse("Build succeeded."));
    }
}
