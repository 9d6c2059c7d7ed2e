using Aspire.Hosting.Testing;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.Hosting.Tests.Testing;

/// <summary>The factory runs the AppHost's Program and calls each hook once, in Aspire's order, at the point it names.</summary>
public sealed class DistributedApplicationFactoryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hooks_run_in_order_around_the_AppHost_Program_and_the_started_app_answers_for_its_resources()
    {
        await using var factory = new RecordingFactory();

        Assert.Throws<InvalidOperationException>(() => factory.GetEndpoint("redis", "tcp"));
        await factory.StartAsync(Token).WaitAsync(Timeout, Token);
        await factory.StartAsync(Token).WaitAsync(Timeout, Token);

        Assert.Equal(
            [
                "creating: args=--from-test",
                "created: environment=FactoryTest, resources=",
                "building: resources=redis-password,redis",
                "built",
            ],
            factory.Calls);
        var endpoint = factory.GetEndpoint("redis", "tcp");
        Assert.Contains($":{endpoint.Port},password=", await factory.GetConnectionString("redis"));
    }

    private sealed class RecordingFactory() : DistributedApplicationFactory(typeof(Projects.Nuzantara_Fixtures_RedisAppHost), ["--from-test"])
    {
        public List<string> Calls { get; } = [];

        protected override void OnBuilderCreating(DistributedApplicationOptions applicationOptions, HostApplicationBuilderSettings hostOptions)
        {
            Calls.Add($"creating: args={string.Join(' ', applicationOptions.Args)}");
            hostOptions.EnvironmentName = "FactoryTest";
        }

        protected override void OnBuilderCreated(DistributedApplicationBuilder applicationBuilder) =>
            Calls.Add($"created: environment={applicationBuilder.Environment.EnvironmentName}, resources={Names(applicationBuilder)}");

        protected override void OnBuilding(DistributedApplicationBuilder applicationBuilder) =>
            Calls.Add($"building: resources={Names(applicationBuilder)}");

        protected override void OnBuilt(DistributedApplication application) => Calls.Add("built");

        private static string Names(DistributedApplicationBuilder builder) => string.Join(',', builder.Resources.Select(r => r.Name));
    }
}
