using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Testing;

/// <summary>
/// Runs the AppHost's own <c>Program</c> up to <c>builder.Build()</c> and hands the builder to the test, with every
/// port free-allocated and a state directory of its own, as Aspire.Hosting.Testing does. The test project must
/// reference the AppHost project (so its assembly loads in the test's context) and mark that reference
/// <c>IsAspireProjectResource="true"</c> to get the <c>Projects.*</c> class.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : class => CreateAsync(typeof(TEntryPoint), [], cancellationToken);

    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : class => CreateAsync(typeof(TEntryPoint), args, cancellationToken);

    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(
        string[] args, Action<DistributedApplicationOptions, HostApplicationBuilderSettings> configureBuilder, CancellationToken cancellationToken = default) =>
        CreateAsync(typeof(TEntryPoint), args, configureBuilder, cancellationToken);

    public static Task<IDistributedApplicationTestingBuilder> CreateAsync(Type entryPoint, CancellationToken cancellationToken = default) =>
        CreateAsync(entryPoint, [], cancellationToken);

    public static Task<IDistributedApplicationTestingBuilder> CreateAsync(Type entryPoint, string[] args, CancellationToken cancellationToken = default) =>
        CreateAsync(entryPoint, args, (_, _) => { }, cancellationToken);

    /// <param name="configureBuilder">Changes the options and host settings before the AppHost's builder is made from them.</param>
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync(
        Type entryPoint, string[] args, Action<DistributedApplicationOptions, HostApplicationBuilderSettings> configureBuilder, CancellationToken cancellationToken = default)
    {
        var stateDirectory = AppHostEntryPoint.NewStateDirectory();
        var builder = await AppHostEntryPoint.RunUntilBuildAsync(entryPoint, args, stateDirectory, configureBuilder, onBuilderCreated: null, cancellationToken).ConfigureAwait(false);
        return new TestingBuilder(builder, stateDirectory);
    }

    /// <summary>An empty model for tests that declare their own resources, with the same test defaults.</summary>
    public static IDistributedApplicationTestingBuilder Create(params string[] args) => Create(args, (_, _) => { });

    public static IDistributedApplicationTestingBuilder Create(string[] args, Action<DistributedApplicationOptions, HostApplicationBuilderSettings> configureBuilder)
    {
        var stateDirectory = AppHostEntryPoint.NewStateDirectory();
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args }, new BuilderInterceptor
        {
            ConfigureBuilder = configureBuilder,
            ConfigureConfiguration = configuration => configuration.AddInMemoryCollection(AppHostEntryPoint.TestDefaults(stateDirectory)),
        });
        return new TestingBuilder(builder, stateDirectory);
    }
}
