using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Nuzantara.Gateway.Tests;

/// <summary>A request as a stand-in service received it.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IHeaderDictionary Headers, string Body);

/// <summary>
/// A stand-in for the backend or the ranking service: a loopback server answering as <see cref="StartAsync"/> is told and
/// keeping every request it got, so a test can check what the gateway sent, or that it sent nothing.
/// </summary>
public sealed class StubService : IAsyncDisposable
{
    private readonly LoopbackWebServer _server;

    private StubService(LoopbackWebServer server, ConcurrentQueue<ReceivedRequest> received)
    {
        _server = server;
        Received = received;
    }

    public string Url => _server.Url;

    public ConcurrentQueue<ReceivedRequest> Received { get; }

    public static async Task<StubService> StartAsync(Func<HttpContext, ReceivedRequest, Task> answer)
    {
        var received = new ConcurrentQueue<ReceivedRequest>();
        var server = await LoopbackWebServer.StartAsync(app => app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                new HeaderDictionary(context.Request.Headers.ToDictionary(StringComparer.OrdinalIgnoreCase)), body);
            received.Enqueue(request);
            await answer(context, request);
        }), TestContext.Current.CancellationToken);
        return new StubService(server, received);
    }

    /// <summary>The address of a service that is down: a loopback port that was just listened on and is closed again.</summary>
    public static async Task<string> DownUrlAsync()
    {
        await using var server = await LoopbackWebServer.StartAsync(_ => { }, TestContext.Current.CancellationToken);
        return server.Url;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
