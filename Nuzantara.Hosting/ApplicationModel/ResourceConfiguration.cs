using System.Globalization;

namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// A resource's environment and arguments as its callbacks make them for one execution context: the one evaluation
/// that the process runtime, the container runtime and every publisher start from. Values stay unresolved (strings,
/// parameters, endpoint and reference expressions): running resolves them to this machine's values
/// (<see cref="ResolveAsync"/>), publishing writes them as placeholders.
/// </summary>
internal sealed record ResourceConfiguration(IReadOnlyDictionary<string, object> Environment, IReadOnlyList<object> Arguments)
{
    /// <summary>
    /// Port variables first (<c>WithHttpEndpoint(env: "PORT")</c>), then what <paramref name="addBeforeCallbacks"/> adds
    /// (the run's OTLP settings), then the environment callbacks in the order they were added, so that a user's
    /// <c>WithEnvironment</c> overrides what the AppHost sets; then the argument callbacks.
    /// </summary>
    public static async Task<ResourceConfiguration> EvaluateAsync(IResource resource, DistributedApplicationExecutionContext executionContext,
        Action<Dictionary<string, object>>? addBeforeCallbacks = null)
    {
        var environment = new EnvironmentCallbackContext(executionContext, resource);
        foreach (var endpoint in resource.GetEndpoints().Where(e => e.TargetPortEnvironmentVariable is not null))
        {
            environment.EnvironmentVariables[endpoint.TargetPortEnvironmentVariable!] =
                new EndpointReference((IResourceWithEndpoints)resource, endpoint.Name).Property(EndpointProperty.TargetPort);
        }

        addBeforeCallbacks?.Invoke(environment.EnvironmentVariables);
        foreach (var callback in resource.OfAnnotation<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(environment).ConfigureAwait(false);
        }

        var arguments = new CommandLineArgsCallbackContext(executionContext, resource);
        foreach (var callback in resource.OfAnnotation<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(arguments).ConfigureAwait(false);
        }

        return new ResourceConfiguration(
            environment.EnvironmentVariables.ToDictionary(e => e.Key, e => Unwrapped(e.Value), StringComparer.Ordinal),
            [.. arguments.Args.Select(Unwrapped)]);
    }

    /// <summary>A resource builder given as a value (<c>WithArgs("--key", parameter)</c>) stands for its resource, as in Aspire.</summary>
    private static object Unwrapped(object value) => value is IResourceBuilder<IResource> builder ? builder.Resource : value;

    /// <summary>A container's command: its entrypoint (null for the image's own) and the arguments that always follow it.</summary>
    public static (string? Entrypoint, IReadOnlyList<string> Arguments) ContainerCommand(IResource resource)
    {
        var annotation = resource.OfAnnotation<ContainerEntrypointAnnotation>().LastOrDefault();
        return ((resource as ContainerResource)?.Entrypoint ?? annotation?.Entrypoint, annotation?.Args ?? []);
    }

    /// <summary>Every value as this run's string: parameters' values, allocated endpoints, expressions formatted.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments)> ResolveAsync(CancellationToken cancellationToken)
    {
        var resolvedEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Environment)
        {
            resolvedEnvironment[key] = await ResolveValueAsync(value, cancellationToken).ConfigureAwait(false);
        }

        var resolvedArguments = new List<string>(Arguments.Count);
        foreach (var argument in Arguments)
        {
            resolvedArguments.Add(await ResolveValueAsync(argument, cancellationToken).ConfigureAwait(false));
        }

        return (resolvedEnvironment, resolvedArguments);
    }

    private static async Task<string> ResolveValueAsync(object value, CancellationToken cancellationToken) => value switch
    {
        string text => text,
        IValueProvider provider => await provider.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
