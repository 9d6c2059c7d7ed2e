using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

public interface IDistributedApplicationBuilder
{
    ConfigurationManager Configuration { get; }

    IServiceCollection Services { get; }

    IHostEnvironment Environment { get; }

    /// <summary>The AppHost's assembly (the entry assembly unless the options name another).</summary>
    Assembly? AppHostAssembly { get; }

    /// <summary>The AppHost project's folder: relative paths in the model are resolved from here.</summary>
    string AppHostDirectory { get; }

    DistributedApplicationExecutionContext ExecutionContext { get; }

    IResourceCollection Resources { get; }

    IDistributedApplicationEventing Eventing { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>A builder for a resource that is already in the model (used by extensions that annotate a child's parent).</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource;

    DistributedApplication Build();
}
