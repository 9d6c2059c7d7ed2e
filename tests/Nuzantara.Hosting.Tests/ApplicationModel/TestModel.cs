using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Secrets;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>A project as the AppHost build would generate it, for models that are resolved but never run.</summary>
internal sealed class FakeProject : IProjectMetadata
{
    public string ProjectPath => "/nonexistent/Fake.Service/Fake.Service.csproj";
}

/// <summary>Resolves a model the way the orchestrator does before starting anything: parameters, then ports.</summary>
internal static class TestModel
{
    public static HostingOptions Resolve(IDistributedApplicationTestingBuilder builder)
    {
        var options = new HostingOptions { StateDirectory = builder.StateDirectory, SecretsPath = Path.Combine(builder.StateDirectory, "secrets.json"), RandomizePorts = false };
        new ParameterStore(options, builder.Configuration).Resolve(builder.Resources.OfType<ParameterResource>());
        new PortAllocator(options).Allocate(builder.Resources, _ => false);
        return options;
    }

    public static Task<LaunchSpec> LaunchSpecAsync(IDistributedApplicationTestingBuilder builder, HostingOptions options, IResource resource) =>
        new LaunchSpecResolver(options, builder.ExecutionContext, new OtlpSettings("test-api-key", "abc123")).ResolveAsync(resource, CancellationToken.None);
}
