using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>
/// A telemetry endpoint (an OTLP collector, Sentry's ingestion) that answers every request as the test says: fast, after
/// a long wait, or with an error. It counts what it was sent, so a test can tell that the service did try.
/// </summary>
public sealed class StandInReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private StandInReceiver(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public int Requests => Volatile.Read(ref _requests);

    /// <param name="protocols">HTTP/2 alone for gRPC (cleartext HTTP/2 is only spoken when nothing else is offered).</param>
    public static async Task<StandInReceiver> StartAsync(HttpProtocols protocols, RequestDelegate answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = protocols));
        var app = builder.Build();
        var receiver = new StandInReceiver(app);
        app.Run(async context =>
        {
            Interlocked.Increment(ref receiver._requests);
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            await answer(context);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    /// <summary>A receiver that answers only after <paramref name="delay"/>, as a sink does when it is overloaded.</summary>
    public static Task<StandInReceiver> StartSlowAsync(HttpProtocols protocols, TimeSpan delay, RequestDelegate answer) =>
        StartAsync(protocols, async context =>
        {
            await Task.Delay(delay, context.RequestAborted);
            await answer(context);
        });

    /// <summary>
    /// An address where nothing listens: a port the kernel had free, taken through the engine's allocator so that no
    /// application this test process starts is given it afterwards.
    /// </summary>
    public static Uri ClosedPort() => new($"http://127.0.0.1:{Nuzantara.Hosting.Orchestration.PortAllocator.FreePort()}");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
