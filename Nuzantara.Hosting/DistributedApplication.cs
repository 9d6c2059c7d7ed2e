using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>The built application: a host whose hosted services run (or publish) every resource of the model.</summary>
public sealed class DistributedApplication : IHost, IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;
    private bool _stopped;
    private bool _disposed;

    internal DistributedApplication(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ResourceNotificationService ResourceNotifications => Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>Runs resources' commands (Start, Stop, Restart and WithCommand's), as the dashboard's buttons do.</summary>
    public ResourceCommandService ResourceCommands => Services.GetRequiredService<ResourceCommandService>();

    public ResourceLoggerService ResourceLogs => Services.GetRequiredService<ResourceLoggerService>();

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => DistributedApplicationBuilder.CreateBuilder(args);

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => DistributedApplicationBuilder.CreateBuilder(options);

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        // Constructing a hosted service can fail (a damaged secrets file); the generic host cannot stop after that, so
        // they are constructed here first and such a failure leaves nothing to stop.
        _ = Services.GetServices<IHostedService>().ToList();
        _started = true;
        return _host.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopped = true;
        return _host.StopAsync(cancellationToken);
    }

    /// <summary>
    /// Starts, runs until Ctrl+C or SIGTERM, stops. A configuration mistake ends it with its message and exit code 1.
    /// Ctrl+C while it still starts (installing packages, waiting for a dependency) stops what has started.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
            await _host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            _stopped = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            // The start was cancelled because the user asked to stop: what started is stopped below, as after a run.
        }
        catch (DistributedApplicationException ex)
        {
            // The message names the file or resource and the fix; a stack trace would bury it.
            await System.Console.Error.WriteLineAsync($"✗ {ex.Message}").ConfigureAwait(false);
            Environment.ExitCode = 1;
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        // Twice is allowed: a testing builder disposes the application it built, which the test may have disposed first.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
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
