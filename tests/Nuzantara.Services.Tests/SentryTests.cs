using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.Services.Tests;

/// <summary>
/// ServiceDefaults' Sentry wiring against a local endpoint that takes the SDK's envelopes, as sentry.io would: a service
/// built the way the backend is, with a route that throws.
/// </summary>
public sealed class SentryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unhandled_exception_reaches_sentry_with_the_trace_id_environment_and_release()
    {
        await using var sentry = await EnvelopeReceiver.StartAsync();
        await using var service = await StartServiceAsync(sentry.Dsn);
        using var client = new HttpClient { BaseAddress = new Uri(service.Urls.First()) };
        // The service listens to HttpClient spans in this very process, so the caller's trace is an Activity, not a header.
        using var caller = new System.Diagnostics.Activity("caller").Start();
        var traceId = caller.TraceId.ToHexString();
        using var response = await client.GetAsync("/fail", Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("NotSupportedException", await response.Content.ReadAsStringAsync(Token));

        var error = await sentry.WaitForEventAsync(e => e.TryGetProperty("exception", out _));
        Assert.Equal("NotSupportedException", error.GetProperty("exception").GetProperty("values")[0].GetProperty("type").GetString()?.Split('.')[^1]);
        Assert.Equal(traceId, error.GetProperty("tags").GetProperty("trace_id").GetString());
        Assert.Equal(traceId, error.GetProperty("contexts").GetProperty("trace").GetProperty("trace_id").GetString());
        Assert.Equal("production", error.GetProperty("environment").GetString());
        Assert.StartsWith("Nuzantara.Services.Tests@", error.GetProperty("release").GetString());
        Assert.Equal("/fail", error.GetProperty("tags").GetProperty("http.route").GetString());
    }

    [Fact]
    public async Task Without_a_dsn_sentry_is_not_set_up()
    {
        await using var service = await StartServiceAsync(dsn: null);
        Assert.Null(service.Services.GetService<Sentry.IHub>());
    }

    private static async Task<WebApplication> StartServiceAsync(string? dsn)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "Nuzantara.Services.Tests" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (dsn is not null)
        {
            builder.Configuration["SENTRY_DSN"] = dsn;
        }

        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/fail", string () => throw new NotSupportedException("a bug in a handler"));
        await app.StartAsync(Token);
        return app;
    }

    /// <summary>Sentry's ingestion endpoint, reduced to what a test needs: it keeps every event item of every envelope.</summary>
    private sealed class EnvelopeReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<JsonElement> _events = new();

        private EnvelopeReceiver(WebApplication app) => _app = app;

        public string Dsn => $"http://public@{new Uri(_app.Urls.First()).Authority}/1";

        public static async Task<EnvelopeReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new EnvelopeReceiver(app);
            app.MapPost("/api/1/envelope/", async (HttpRequest request) =>
            {
                Stream body = request.Headers.ContentEncoding.ToString() switch
                {
                    "gzip" => new GZipStream(request.Body, CompressionMode.Decompress),
                    "br" => new BrotliStream(request.Body, CompressionMode.Decompress),
                    _ => request.Body,
                };
                using var reader = new StreamReader(body, Encoding.UTF8);
                receiver.Keep(await reader.ReadToEndAsync());
                return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
            });
            await app.StartAsync(Token);
            return receiver;
        }

        /// <summary>An envelope is a header line, then per item a header line and a payload line.</summary>
        private void Keep(string envelope)
        {
            var lines = envelope.Split('\n');
            for (var i = 1; i + 1 < lines.Length; i += 2)
            {
                if (JsonDocument.Parse(lines[i]).RootElement.GetProperty("type").GetString() == "event")
                {
                    _events.Enqueue(JsonDocument.Parse(lines[i + 1]).RootElement.Clone());
                }
            }
        }

        public async Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                if (_events.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
                {
                    return found;
                }

                Assert.True(DateTime.UtcNow < deadline, $"no matching Sentry event in 20 s ({_events.Count} events received)");
                await Task.Delay(100, Token);
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
