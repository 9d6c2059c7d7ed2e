using System.Text;
using System.Text.Json;

namespace Nuzantara.Dashboard.Tests.Live;

/// <summary>One server-sent event as a browser's EventSource would dispatch it.</summary>
internal sealed record ServerSentEvent(string Type, string? Id, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>An open <c>text/event-stream</c> response, read event by event (what EventSource does in the page).</summary>
internal sealed class ServerSentEventReader(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public HttpResponseMessage Response => response;

    public static async Task<ServerSentEventReader> OpenAsync(HttpClient client, string path, string apiKey, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-otlp-api-key", apiKey);
        request.Headers.Add("Accept", "text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return new ServerSentEventReader(response, new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), Encoding.UTF8));
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync(CancellationToken cancellationToken)
    {
        string type = "message", data = string.Empty;
        string? id = null;
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    return new ServerSentEvent(type, id, data);
                }

                continue;
            }

            var (field, value) = line.IndexOf(':') is var colon and >= 0 ? (line[..colon], line[(colon + 1)..].TrimStart(' ')) : (line, string.Empty);
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data = hasData ? data + "\n" + value : value; hasData = true; break;
            }
        }

        return null;
    }

    /// <summary>The first event that satisfies <paramref name="match"/> within <paramref name="within"/>; fails with the last one seen.</summary>
    public async Task<ServerSentEvent> NextAsync(Func<ServerSentEvent, bool> match, TimeSpan within)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(within);
        ServerSentEvent? last = null;
        try
        {
            while (await NextAsync(deadline.Token) is { } next)
            {
                if (match(next))
                {
                    return next;
                }

                last = next;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"No matching event within {within.TotalSeconds} s; the last was {last?.Type}: {last?.Data}");
        }

        Assert.Fail($"The stream ended without a matching event; the last was {last?.Type}: {last?.Data}");
        return null!;
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
