using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Tests;

/// <summary>
/// A slim Kestrel server on a loopback port the OS picks when it binds (so no other test can hold it), standing for
/// what runs outside the AppHost: a partner's API, a cloud's OTLP gateway. It logs nothing, so the test's logs are its own.
/// </summary>
public sealed class LoopbackWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackWebServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: with the trailing slash, so a relative path appended to it stays below it.</summary>
    public string Url { get; }

    /// <summary>Started, answering what <paramref name="map"/> maps on it.</summary>
    public static async Task<LoopbackWebServer> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackWebServer(app, address.TrimEnd('/') + "/");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
