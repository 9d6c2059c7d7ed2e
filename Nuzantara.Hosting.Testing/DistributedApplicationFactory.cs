using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Testing;

/// <summary>
/// Runs an AppHost for a test, with hooks to change it at each step: OnBuilderCreating (options and host settings),
/// OnBuilderCreated (before the AppHost's Program adds its resources), OnBuilding (after), OnBuilt (before start).
/// </summary>
public class DistributedApplicationFactory(Type entryPoint, string[] args) : IDisposable, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task? _start;
    private TestingBuilder? _builder;
    private DistributedApplication? _application;

    public DistributedApplicationFactory(Type entryPoint)
        : this(entryPoint, [])
    {
    }

    /// <summary>Builds and starts the application; later calls wait for the same start.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _start ??= StartCoreAsync(cancellationToken);
        }
    }

    public HttpClient CreateHttpClient(string resourceName, string? endpointName = null) => Application.CreateHttpClient(resourceName, endpointName);

    public ValueTask<string?> GetConnectionString(string resourceName) => Application.GetConnectionStringAsync(resourceName);

    public Uri GetEndpoint(string resourceName, string? endpointName = null) => Application.GetEndpoint(resourceName, endpointName);

    public virtual void Dispose()
    {
        // A started application has processes to stop, which only the asynchronous path does.
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_application is not null)
        {
            await _application.DisposeAsync().ConfigureAwait(false);
        }

        _builder?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void OnBuilderCreating(DistributedApplicationOptions applicationOptions, HostApplicationBuilderSettings hostOptions)
    {
    }

    protected virtual void OnBuilderCreated(DistributedApplicationBuilder applicationBuilder)
    {
    }

    protected virtual void OnBuilding(DistributedApplicationBuilder applicationBuilder)
    {
    }

    protected virtual void OnBuilt(DistributedApplication application)
    {
    }

    private DistributedApplication Application =>
        _application ?? throw new InvalidOperationException("The application has not been started: call StartAsync first.");

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var stateDirectory = AppHostEntryPoint.NewStateDirectory();
        var builder = await AppHostEntryPoint.RunUntilBuildAsync(entryPoint, args, stateDirectory, OnBuilderCreating, OnBuilderCreated, cancellationToken).ConfigureAwait(false);
        _builder = new TestingBuilder(builder, stateDirectory);
        OnBuilding(builder);
        var application = builder.BuildCore();
        OnBuilt(application);
        _application = application;
        await application.StartAsync(cancellationToken).ConfigureAwait(false);
    }
}
