using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Orchestration;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>A connection string of the model while the application runs: its state follows what it names.</summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class ConnectionStringResourceRuntimeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_string_of_the_model_runs_once_what_it_names_has_started_and_resolves_to_its_address()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("cache");
        builder.AddConnectionString("cache-address", ReferenceExpression.Create($"{redis.GetEndpoint("tcp").Property(EndpointProperty.HostAndPort)},ssl=false"));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache-address", Token).WaitAsync(Timeout, Token);

        var port = redis.Resource.PrimaryEndpoint.Allocated.Port;
        Assert.EndsWith($":{port},ssl=false", await app.GetConnectionStringAsync("cache-address", Token));
        Assert.Equal(KnownResourceStates.Running, app.ResourceNotifications.GetSnapshot("cache")?.State?.Text);
    }

    [Fact]
    public async Task A_connection_string_of_the_model_fails_to_start_naming_what_it_names_when_that_cannot_start()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var broken = builder.AddExecutable("broken", "nuzantara-no-such-command", ".").WithHttpEndpoint(name: "http");
        builder.AddConnectionString("broken-address", ReferenceExpression.Create($"{broken.GetEndpoint("http").Property(EndpointProperty.HostAndPort)}"));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        var failed = await app.ResourceNotifications.WaitForResourceAsync("broken-address", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);

        Assert.Contains("'broken'", failed.Snapshot.StateReason);
    }
}
