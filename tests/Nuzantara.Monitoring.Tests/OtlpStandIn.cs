using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// Grafana Cloud's OTLP gateway, as far as a sender sees it: <c>POST {base}/v1/traces|metrics|logs</c> on loopback,
/// each request recorded with its Authorization header and answered with an empty (valid) protobuf response.
/// </summary>
internal sealed class OtlpStandIn : IAsyncDisposable
{
    private const string BasePath = "otlp";

    private readonly LoopbackWebServer _server;
    private readonly ConcurrentQueue<Request> _requests;

    private OtlpStandIn(LoopbackWebServer server, ConcurrentQueue<Request> requests)
    {
        _server = server;
        _requests = requests;
    }

    public string BaseUrl => _server.Url + BasePath;

    public IReadOnlyList<Request> Requests => [.. _requests];

    public static async Task<OtlpStandIn> StartAsync(CancellationToken cancellationToken)
    {
        var requests = new ConcurrentQueue<Request>();
        var server = await LoopbackWebServer.StartAsync(app => app.MapPost($"/{BasePath}/v1/{{signal}}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            requests.Enqueue(new Request(signal, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, body.Length));
            return Results.Bytes([], "application/x-protobuf");
        }), cancellationToken);
        return new OtlpStandIn(server, requests);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>One export received: its signal (<c>traces</c>, <c>metrics</c> or <c>logs</c>), headers and body's size.</summary>
    public sealed record Request(string Signal, string? Authorization, string? ContentType, long Length);
}
