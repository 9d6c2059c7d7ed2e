using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Testing;

/// <summary>
/// Runs an AppHost's own <c>Main</c> in-process until it calls <c>builder.Build()</c>, and hands over that builder with
/// every port free-allocated and a state directory of the test's own.
/// </summary>
internal static class AppHostEntryPoint
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<DistributedApplicationBuilder> RunUntilBuildAsync(
        Type entryPoint,
        string[] args,
        string stateDirectory,
        Action<DistributedApplicationOptions, HostApplicationBuilderSettings>? configureBuilder,
        Action<DistributedApplicationBuilder>? onBuilderCreated,
        CancellationToken cancellationToken)
    {
        var assembly = AppHostAssembly(entryPoint);
        var main = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point: is it an AppHost?");

        var ready = new TaskCompletionSource<DistributedApplicationBuilder>(TaskCreationOptions.RunContinuationsAsynchronously);
        var interceptor = new BuilderInterceptor
        {
            ConfigureOptions = options => options.AppHostAssembly = assembly,
            ConfigureBuilder = configureBuilder,
            ConfigureConfiguration = configuration => configuration.AddInMemoryCollection(TestDefaults(stateDirectory)),
            OnBuilderCreated = onBuilderCreated,
            OnBuilderReady = builder => ready.TrySetResult(builder),
        };

        var running = Run(main, args, interceptor, ready);
        var builder = await ready.Task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
        // Main ends right after handing the builder over; awaited only then, so a Main stuck before Build() cannot hang the test past its timeout.
        await running.ConfigureAwait(false);
        return builder;
    }

    public static string NewStateDirectory() => Path.Combine(Path.GetTempPath(), "nuzantara-tests", Guid.NewGuid().ToString("N")[..12]);

    public static Dictionary<string, string?> TestDefaults(string stateDirectory) => new()
    {
        ["Nuzantara:RandomizePorts"] = "true",
        ["Nuzantara:StateDirectory"] = stateDirectory,
        ["Nuzantara:SecretsPath"] = Path.Combine(stateDirectory, "secrets.json"),
        ["Nuzantara:LiveConsole"] = "false",
        ["Nuzantara:EchoResourceLogs"] = "false",
    };

    // Projects.X (a project reference marked IsAspireProjectResource) names the AppHost's built assembly; any other type
    // is taken to live in the AppHost's assembly, as Aspire accepts typeof(Program).
    private static Assembly AppHostAssembly(Type entryPoint)
    {
        if (!typeof(IProjectMetadata).IsAssignableFrom(entryPoint))
        {
            return entryPoint.Assembly;
        }

        var targetPath = ((IProjectMetadata)Activator.CreateInstance(entryPoint)!).TargetPath;
        try
        {
            return Assembly.Load(new AssemblyName(Path.GetFileNameWithoutExtension(targetPath)));
        }
        catch (FileNotFoundException) when (File.Exists(targetPath))
        {
            // A reference with ReferenceOutputAssembly="false" does not copy the AppHost next to the tests: load it
            // from its own output; what it shares with the tests (Nuzantara.Hosting) is already loaded by name.
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(targetPath);
        }
    }

    private static Task Run(MethodInfo main, string[] args, BuilderInterceptor interceptor, TaskCompletionSource<DistributedApplicationBuilder> ready)
    {
        // The interceptor travels into Main on the async flow; other tests' AppHosts are not affected.
        DistributedApplicationBuilder.Interceptor.Value = interceptor;
        try
        {
            return Task.Run(() =>
            {
                try
                {
                    main.Invoke(null, main.GetParameters().Length == 0 ? [] : [args]);
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
