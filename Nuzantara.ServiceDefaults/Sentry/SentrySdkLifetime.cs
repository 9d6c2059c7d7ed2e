using Microsoft.Extensions.Hosting;

namespace Nuzantara.ServiceDefaults.Sentry;

/// <summary>Graceful shutdown: events still queued leave before the process does.</summary>
internal sealed class SentrySdkLifetime(IDisposable sdk) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => SentrySdk.FlushAsync(TimeSpan.FromSeconds(5));

    public void Dispose() => sdk.Dispose();
}
