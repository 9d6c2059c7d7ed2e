namespace Aspire.Hosting.ApplicationModel;

/// <summary>What <see cref="HttpCommandOptions.PrepareRequest"/> is given: the request about to be sent.</summary>
public sealed class HttpCommandRequestContext
{
    public required IServiceProvider ServiceProvider { get; init; }

    public required string ResourceName { get; init; }

    public required EndpointReference Endpoint { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    public required HttpClient HttpClient { get; init; }

    public required HttpRequestMessage Request { get; init; }
}
