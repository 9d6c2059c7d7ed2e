using Aspire.Hosting.Eventing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Testing;

/// <summary>The AppHost's builder under test: change the model or configuration, then <see cref="BuildAsync"/>.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder, IAsyncDisposable
{
    /// <summary>This test's state directory (data, logs, generated secrets), deleted on dispose.</summary>
    string StateDirectory { get; }

    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}

internal sealed class TestingBuilder(DistributedApplicationBuilder inner, string stateDirectory) : IDistributedApplicationTestingBuilder
{
    public string StateDirectory { get; } = stateDirectory;

    public ConfigurationManager Configuration => inner.Configuration;

    public IServiceCollection Services => inner.Services;

    public IHostEnvironment Environment => inner.Environment;

    public string AppHostDirectory => inner.AppHostDirectory;

    public DistributedApplicationExecutionContext ExecutionContext => inner.ExecutionContext;

    public IReadOnlyList<IResource> Resources => inner.Resources;

    public DistributedApplicationEventing Eventing => inner.Eventing;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => Rebind(inner.AddResource(resource));

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => Rebind(inner.CreateResourceBuilder(resource));

    public DistributedApplication Build() => inner.BuildCore();

    public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(inner.BuildCore());

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    // Extensions that add resources reach the builder through IResourceBuilder.ApplicationBuilder: keep it pointing here.
    private IResourceBuilder<T> Rebind<T>(IResourceBuilder<T> builder) where T : IResource => new ResourceBuilder<T>(this, builder.Resource);
}
