using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Nuzantara.ServiceDefaults.Clients;

/// <summary>
/// Connects to Redis asynchronously while the service starts, before it takes requests. Resolving a multiplexer that
/// connects on first use blocks a thread for up to the connect timeout, and under load every request waiting on that
/// first resolution starves the thread pool.
/// </summary>
internal sealed class RedisConnection(ConfigurationOptions options) : IHostedService, IAsyncDisposable
{
    private IConnectionMultiplexer? _multiplexer;

    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Redis is used before the service started: resolve it from a request or a hosted service started later.");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        // AbortOnConnectFail is off: when Redis is down this returns a multiplexer that keeps reconnecting.
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(options);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
    }
}
