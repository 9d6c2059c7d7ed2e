using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aspire.Hosting;

public static partial class ResourceBuilderExtensions
{
    private static readonly string[] HttpSchemes = ["https", "http"];

    /// <summary>
    /// A command on the resource: a button on the dashboard's resources page, run in the AppHost by
    /// <paramref name="executeCommand"/>, whose result the page shows. A command of the same name is replaced.
    /// </summary>
    public static IResourceBuilder<T> WithCommand<T>(
        this IResourceBuilder<T> builder,
        string name,
        string displayName,
        Func<ExecuteCommandContext, Task<ExecuteCommandResult>> executeCommand,
        CommandOptions? commandOptions = null)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(executeCommand);
        commandOptions ??= CommandOptions.Default;

        foreach (var existing in builder.Resource.Annotations.OfType<ResourceCommandAnnotation>().Where(c => c.Name == name).ToList())
        {
            builder.Resource.Annotations.Remove(existing);
        }

        return builder.WithAnnotation(new ResourceCommandAnnotation(
            name,
            displayName,
            commandOptions.UpdateState ?? (_ => ResourceCommandState.Enabled),
            executeCommand,
            commandOptions.Description,
            commandOptions.Parameter,
            commandOptions.ConfirmationMessage,
            commandOptions.IconName,
            commandOptions.IconVariant,
            commandOptions.IsHighlighted));
    }

    /// <summary>
    /// A command that sends an HTTP request (POST unless <see cref="HttpCommandOptions.Method"/> says otherwise) to
    /// <paramref name="path"/> on the resource's endpoint named <paramref name="endpointName"/>, or its https, else http,
    /// endpoint; a 2xx answer is success. Enabled while the resource runs. Without <paramref name="commandName"/> the
    /// command is named <c>{resource}-{endpoint}-http-{method}-{path}</c>.
    /// </summary>
    public static IResourceBuilder<TResource> WithHttpCommand<TResource>(
        this IResourceBuilder<TResource> builder,
        string path,
        string displayName,
        string? endpointName = null,
        string? commandName = null,
        HttpCommandOptions? commandOptions = null)
        where TResource : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        var selector = endpointName is null ? null : HttpEndpointSelector(builder, [endpointName]);
        return builder.WithHttpCommand(path, displayName, selector, commandName, commandOptions);
    }

    /// <summary>
    /// WithHttpCommand with the endpoint chosen by <paramref name="endpointSelector"/> (or <see cref="HttpCommandOptions.EndpointSelector"/>),
    /// which may be another resource's: the command still shows on, and takes its state from, this one.
    /// </summary>
    public static IResourceBuilder<TResource> WithHttpCommand<TResource>(
        this IResourceBuilder<TResource> builder,
        string path,
        string displayName,
        Func<EndpointReference>? endpointSelector,
        string? commandName = null,
        HttpCommandOptions? commandOptions = null)
        where TResource : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(displayName);
        commandOptions ??= HttpCommandOptions.Default;
        endpointSelector ??= commandOptions.EndpointSelector ?? HttpEndpointSelector(builder, HttpSchemes);

        var endpoint = endpointSelector()
            ?? throw new DistributedApplicationException($"Could not create HTTP command for resource '{builder.Resource.Name}': the endpoint selector returned null.");
        if (!HttpSchemes.Contains(endpoint.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException(
                $"Could not create HTTP command for resource '{builder.Resource.Name}': endpoint '{endpoint.EndpointName}' has scheme '{endpoint.Scheme}', not http or https.");
        }

        builder.ApplicationBuilder.Services.AddHttpClient();
        var method = commandOptions.Method ??= HttpMethod.Post;
        commandName ??= $"{endpoint.Resource.Name}-{endpoint.EndpointName}-http-{method.Method.ToLowerInvariant()}-{path}";
        commandOptions.UpdateState ??= context =>
            context.ResourceSnapshot.State?.Text is KnownResourceStates.Running or KnownResourceStates.RuntimeUnhealthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled;

        return builder.WithCommand(commandName, displayName, context => SendHttpCommandAsync(context, endpoint, path, commandOptions), commandOptions);
    }

    private static async Task<ExecuteCommandResult> SendHttpCommandAsync(ExecuteCommandContext context, EndpointReference endpoint, string path, HttpCommandOptions options)
    {
        if (!endpoint.IsAllocated)
        {
            return CommandResults.Failure($"Endpoint '{endpoint.EndpointName}' of '{endpoint.Resource.Name}' has no address yet: the resource has not started.");
        }

        // Relative to the endpoint's URL, so that a query string in the path stays a query string.
        var uri = new Uri(new Uri(endpoint.Url), path);
        var client = context.ServiceProvider.GetRequiredService<IHttpClientFactory>().CreateClient(options.HttpClientName ?? Options.DefaultName);
        using var request = new HttpRequestMessage(options.Method ?? HttpMethod.Post, uri);
        try
        {
            if (options.PrepareRequest is not null)
            {
                await options.PrepareRequest(new HttpCommandRequestContext
                {
                    ServiceProvider = context.ServiceProvider,
                    ResourceName = context.ResourceName,
                    Endpoint = endpoint,
                    CancellationToken = context.CancellationToken,
                    HttpClient = client,
                    Request = request,
                }).ConfigureAwait(false);
            }

            using var response = await client.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
            if (options.GetCommandResult is not null)
            {
                return await options.GetCommandResult(new HttpCommandResultContext
                {
                    ServiceProvider = context.ServiceProvider,
                    ResourceName = context.ResourceName,
                    Endpoint = endpoint,
                    CancellationToken = context.CancellationToken,
                    HttpClient = client,
                    Response = response,
                }).ConfigureAwait(false);
            }

            return response.IsSuccessStatusCode
                ? CommandResults.Success()
                : CommandResults.Failure($"{request.Method} {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (HttpRequestException ex)
        {
            return CommandResults.Failure($"{request.Method} {uri} failed: {ex.Message}");
        }
        catch (TaskCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The client's timeout, not the caller giving up: a failure, not a cancellation.
            return CommandResults.Failure($"{request.Method} {uri} did not answer within {client.Timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>The first of the resource's endpoints named one of <paramref name="names"/>, which must be an HTTP endpoint.</summary>
    private static Func<EndpointReference> HttpEndpointSelector<TResource>(IResourceBuilder<TResource> builder, string[] names)
        where TResource : IResourceWithEndpoints => () =>
    {
        foreach (var name in names)
        {
            if (builder.Resource.GetEndpoints().FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)) is { } endpoint)
            {
                return new EndpointReference(builder.Resource, endpoint.Name);
            }
        }

        throw new DistributedApplicationException(
            $"Could not create HTTP command for resource '{builder.Resource.Name}': it has no endpoint named {string.Join(" or ", names.Select(n => $"'{n}'"))}. Add one with WithHttpEndpoint, or name an existing one with endpointName.");
    };
}
