using StackExchange.Redis;

namespace Nuzantara.Backend.Tests;

/// <summary>
/// Redis and PostgreSQL run natively by the testing harness on free ports (no AppHost, no other service), and the
/// backend in-process on them. Shared by every test of the project (one collection, so a test counting the documents
/// sees only its own writes); each test works on documents of its own.
/// </summary>
public sealed class BackendFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private IDistributedApplicationTestingBuilder? _builder;
    private DistributedApplication? _dependencies;
    private BackendFactory? _backend;
    private ConnectionMultiplexer? _redis;

    /// <summary>The Redis the backend caches in, for tests that look at or evict its entries.</summary>
    public IDatabase Cache => _redis!.GetDatabase();

    public HttpClient CreateClient() => _backend!.CreateClient();

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        _builder = DistributedApplicationTestingBuilder.Create();
        _builder.AddRedis("redis");
        _builder.AddPostgres("postgres").AddDatabase("nuzantara");
        _dependencies = await _builder.BuildAsync(token);
        await _dependencies.StartAsync(token);
        foreach (var resource in new[] { "redis", "nuzantara" })
        {
            await _dependencies.ResourceNotifications.WaitForResourceHealthyAsync(resource, token).WaitAsync(StartTimeout, token);
        }

        var redis = (await _dependencies.GetConnectionStringAsync("redis", token))!;
        _backend = new BackendFactory(redis, (await _dependencies.GetConnectionStringAsync("nuzantara", token))!);
        _redis = await ConnectionMultiplexer.ConnectAsync(redis);
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        if (_dependencies is not null)
        {
            await _dependencies.DisposeAsync();
        }

        if (_builder is not null)
        {
            await _builder.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(BackendFixture))]
public sealed class BackendCollection : ICollectionFixture<BackendFixture>;
