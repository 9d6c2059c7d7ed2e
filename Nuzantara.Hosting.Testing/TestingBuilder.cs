using System.Reflection;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Testing;

/// <summary>
/// Wraps the AppHost's builder so that the test owns the state directory and finishes the build. As Aspire's testing
/// builder, it owns the application it built: disposing the builder stops that application, then removes its state.
/// </summary>
internal sealed class TestingBuilder(DistributedApplicationBuilder inner, string stateDirectory) : IDistributedApplicationTestingBuilder
{
    private DistributedApplication? _built;

    public DistributedApplicationBuilder Inner => inner;

    public string StateDirectory { get; } = stateDirectory;

    public ConfigurationManager Configuration => inner.Configuration;

    public IServiceCollection Services => inner.Services;

    public IHostEnvironment Environment => inner.Environment;

    public Assembly? AppHostAssembly => inner.AppHostAssembly;

    public string AppHostDirectory => inner.AppHostDirectory;

    public DistributedApplicationExecutionContext ExecutionContext => inner.ExecutionContext;

    public IResourceCollection Resources => inner.Resources;

    public IDistributedApplicationEventing Eventing => inner.Eventing;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => Rebind(inner.AddResource(resource));

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => Rebind(inner.CreateResourceBuilder(resource));

    public DistributedApplication Build() => _built = inner.BuildCore();

    public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_built is not null)
        {
            await _built.DisposeAsync().ConfigureAwait(false);
        }

        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    // Extensions that add resources reach the builder through IResourceBuilder.ApplicationBuilder: keep it pointing here.
    private IResourceBuilder<T> Rebind<T>(IResourceBuilder<T> builder) where T : IResource => new ResourceBuilder<T>(this, builder.Resource);
}
