using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Hosting.Tests.Testing;

/// <summary>CreateAsync's overloads run the AppHost's Program with the test's arguments and host settings.</summary>
public sealed class DistributedApplicationTestingBuilderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_by_type_passes_the_arguments_and_applies_configureBuilder_before_the_Program_runs()
    {
        string[] argsSeen = [];
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync(
            typeof(Projects.Nuzantara_Fixtures_RedisAppHost),
            ["--Custom:Setting=from-args"],
            (options, settings) =>
            {
                argsSeen = options.Args;
                settings.EnvironmentName = "BuilderTest";
            },
            Token);

        Assert.Equal(["--Custom:Setting=from-args"], argsSeen);
        Assert.Equal("BuilderTest", builder.Environment.EnvironmentName);
        Assert.Equal("from-args", builder.Configuration["Custom:Setting"]);
        Assert.Equal("Nuzantara.Fixtures.RedisAppHost", builder.AppHostAssembly?.GetName().Name);
        Assert.Equal(["redis-password", "redis"], builder.Resources.Select(r => r.Name));
    }

    [Fact]
    public async Task Disposing_the_builder_synchronously_deletes_its_state_directory()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_Fixtures_RedisAppHost>(Token);
        Directory.CreateDirectory(builder.StateDirectory);

        builder.Dispose();

        Assert.False(Directory.Exists(builder.StateDirectory));
    }

    [Fact]
    public void Resources_is_a_collection_the_test_can_add_to_and_the_built_model_shares()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        var worker = new ExecutableResource("worker", "sleep", ".");

        builder.Resources.Add(worker);
        using var app = builder.Build();

        Assert.Same(worker, Assert.Single(app.Services.GetRequiredService<DistributedApplicationModel>().Resources));
    }
}
