namespace Aspire.Hosting.ApplicationModel;

/// <summary>WithHttpCommand's options: the request to send and how to read its response, besides the command's own.</summary>
public class HttpCommandOptions : CommandOptions
{
    internal static new HttpCommandOptions Default => new();

    /// <summary>The endpoint to send the request to, when not the resource's own http(s) one; it may be another resource's.</summary>
    public Func<EndpointReference>? EndpointSelector { get; set; }

    /// <summary>POST when not set.</summary>
    public HttpMethod? Method { get; set; }

    /// <summary>The IHttpClientFactory client to send with; the default client when not set.</summary>
    public string? HttpClientName { get; set; }

    /// <summary>Called before the request is sent, to add headers or a body.</summary>
    public Func<HttpCommandRequestContext, Task>? PrepareRequest { get; set; }

    /// <summary>Reads the response; without it a 2xx status is success and any other a failure naming the status.</summary>
    public Func<HttpCommandResultContext, Task<ExecuteCommandResult>>? GetCommandResult { get; set; }
}
