using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// Grafana Cloud's OTLP gateway, as far as a sender sees it: <c>POST {base}/v1/traces|metrics|logs</c> on loopback,
/// each request recorded with its Authorization header and answered with an empty (valid) protobuf response.
/// </summary>
internal sealed class OtlpStandIn : IAsyncDisposable
{
    public const string BasePath = "/otlp";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, string? Authorization, string? ContentType, long Length)> _requests = new();

    private OtlpStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<(string Signal, string? Authorization, string? ContentType, long Length)> Requests => [.. _requests];

    public static async Task<OtlpStandIn> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new OtlpStandIn(app);
        app.MapPost($"{BasePath}/v1/{{signal}}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            standIn._requests.Enqueue((signal, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, body.Length));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.BaseUrl = $"{address}{BasePath}";
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
