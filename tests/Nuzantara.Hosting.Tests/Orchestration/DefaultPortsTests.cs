using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>Ports as the application asks for them, not the randomised ones tests otherwise get.</summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class DefaultPortsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_Redis_without_a_port_both_start_on_ports_of_their_own()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration.AddInMemoryCollection(FixedPorts.Settings());
        var first = builder.AddRedis("cache-a");
        var second = builder.AddRedis("cache-b");
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache-a", Token).WaitAsync(Timeout, Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache-b", Token).WaitAsync(Timeout, Token);

        Assert.NotEqual(first.Resource.PrimaryEndpoint.Port, second.Resource.PrimaryEndpoint.Port);
        foreach (var name in new[] { "cache-a", "cache-b" })
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync(name, Token))!);
            await redis.GetDatabase().StringSetAsync("owner", name);
        }

        await using var check = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("cache-a", Token))!);
        Assert.Equal("cache-a", (string?)await check.GetDatabase().StringGetAsync("owner"));
    }
}
