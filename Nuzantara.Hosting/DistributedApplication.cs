using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting;

/// <summary>The built application: a host whose hosted services run (or publish) every resource of the model.</summary>
public sealed class DistributedApplication : IHost, IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;
    private bool _stopped;

    internal DistributedApplication(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ResourceNotificationService ResourceNotifications => Services.GetRequiredService<ResourceNotificationService>();

    public ResourceLoggerService ResourceLogs => Services.GetRequiredService<ResourceLoggerService>();

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => DistributedApplicationBuilder.CreateBuilder(args);

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => DistributedApplicationBuilder.CreateBuilder(options);

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _started = true;
        return _host.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopped = true;
        return _host.StopAsync(cancellationToken);
    }

    public Task RunAsync(CancellationToken cancellationToken = default) => _host.RunAsync(cancellationToken);

    public void Run() => _host.Run();

    public void Dispose() => _host.Dispose();

    public async ValueTask DisposeAsync()
    {
        // The generic host does not stop hosted services on dispose; a started application must not leave processes behind.
        if (_started && !_stopped)
        {
            await StopAsync().ConfigureAwait(false);
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
