using System.Reflection;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Testing;

/// <summary>Wraps the AppHost's builder so that the test owns the state directory and finishes the build.</summary>
internal sealed class TestingBuilder(DistributedApplicationBuilder inner, string stateDirectory) : IDistributedApplicationTestingBuilder
{
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

    public DistributedApplication Build() => inner.BuildCore();

    public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(inner.BuildCore());

    public void Dispose()
    {
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // Extensions that add resources reach the builder through IResourceBuilder.ApplicationBuilder: keep it pointing here.
    private IResourceBuilder<T> Rebind<T>(IResourceBuilder<T> builder) where T : IResource => new ResourceBuilder<T>(this, builder.Resource);
}
