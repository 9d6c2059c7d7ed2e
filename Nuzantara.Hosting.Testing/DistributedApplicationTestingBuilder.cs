using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Testing;

/// <summary>
/// Runs the AppHost's own <c>Program</c> up to <c>builder.Build()</c> and hands the builder to the test, with every
/// port free-allocated and a state directory of its own, as Aspire.Hosting.Testing does. The test project must
/// reference the AppHost project (so its assembly loads in the test's context) and mark that reference
/// <c>IsAspireProjectResource="true"</c> to get the <c>Projects.*</c> class.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    private static readonly TimeSpan EntryPointTimeout = TimeSpan.FromSeconds(60);

    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new() => CreateAsync<TEntryPoint>([], cancellationToken);

    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
    {
        var metadata = new TEntryPoint();
        var assembly = Assembly.Load(new AssemblyName(Path.GetFileNameWithoutExtension(metadata.TargetPath)));
        var entryPoint = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point: is {metadata.ProjectPath} an AppHost?");

        var stateDirectory = Path.Combine(Path.GetTempPath(), "nuzantara-tests", Guid.NewGuid().ToString("N")[..12]);
        var ready = new TaskCompletionSource<DistributedApplicationBuilder>(TaskCreationOptions.RunContinuationsAsynchronously);
        var interceptor = new BuilderInterceptor
        {
            ConfigureOptions = options => options.AppHostAssembly = assembly,
            ConfigureConfiguration = configuration => configuration.AddInMemoryCollection(TestDefaults(stateDirectory)),
            OnBuilderReady = builder => ready.TrySetResult(builder),
        };

        var main = RunEntryPointAsync(entryPoint, args, interceptor, ready);
        try
        {
            var builder = await ready.Task.WaitAsync(EntryPointTimeout, cancellationToken).ConfigureAwait(false);
            return new TestingBuilder(builder, stateDirectory);
        }
        finally
        {
            await main.ConfigureAwait(false);
        }
    }

    /// <summary>An empty model for tests that declare their own resources, with the same test defaults.</summary>
    public static IDistributedApplicationTestingBuilder Create(params string[] args)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "nuzantara-tests", Guid.NewGuid().ToString("N")[..12]);
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args });
        builder.Configuration.AddInMemoryCollection(TestDefaults(stateDirectory));
        return new TestingBuilder(builder, stateDirectory);
    }

    internal static Dictionary<string, string?> TestDefaults(string stateDirectory) => new()
    {
        ["Nuzantara:RandomizePorts"] = "true",
        ["Nuzantara:StateDirectory"] = stateDirectory,
        ["Nuzantara:SecretsPath"] = Path.Combine(stateDirectory, "secrets.json"),
        ["Nuzantara:LiveConsole"] = "false",
        ["Nuzantara:EchoResourceLogs"] = "false",
    };

    private static Task RunEntryPointAsync(MethodInfo entryPoint, string[] args, BuilderInterceptor interceptor, TaskCompletionSource<DistributedApplicationBuilder> ready)
    {
        // The interceptor travels into Main on the async flow; other tests' AppHosts are not affected.
        DistributedApplicationBuilder.Interceptor.Value = interceptor;
        try
        {
            return Task.Run(() =>
            {
                try
                {
                    entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
                    ready.TrySetException(new InvalidOperationException("The AppHost's Main returned without calling builder.Build()."));
                }
                catch (TargetInvocationException ex) when (ex.InnerException is BuilderInterceptedException)
                {
                }
                catch (TargetInvocationException ex)
                {
                    ready.TrySetException(ex.InnerException ?? ex);
                }
            });
        }
        finally
        {
            DistributedApplicationBuilder.Interceptor.Value = null;
        }
    }
}
