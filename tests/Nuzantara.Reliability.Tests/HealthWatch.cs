using System.Collections.Concurrent;
using System.Text.Json;

namespace Nuzantara.Reliability.Tests;

/// <summary>
/// What the services' health endpoints answer while something is broken, polled every 50 ms as an orchestrator's probe
/// would (faster, so that an outage of a second or two is seen): each answer as its status code, plus the body's
/// <c>status</c> word for <c>/health</c> and the unhealthy checks of a failed <c>/health/ready</c> (what took it out),
/// or "refused" when the service itself is down.
/// </summary>
public sealed class HealthWatch : IAsyncDisposable
{
    public static readonly string[] Paths = ["/health/live", "/health/ready", "/health"];

    private readonly ConcurrentDictionary<(string Service, string Path), ConcurrentDictionary<string, int>> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<HttpClient> _clients = [];
    private readonly List<Task> _pollers = [];

    public HealthWatch(DistributedApplication app, IEnumerable<string> services)
    {
        foreach (var service in services)
        {
            var client = app.CreateHttpClient(service);
            // A probe gives up after 2 s, as an orchestrator's would, so that a hung endpoint shows as a timeout.
            client.Timeout = TimeSpan.FromSeconds(2);
            _clients.Add(client);
            _pollers.AddRange(Paths.Select(path => PollAsync(service, client, path, _stop.Token)));
        }
    }

    /// <summary>Every distinct answer of a service's endpoint, with how often it came.</summary>
    public IReadOnlyDictionary<string, int> Seen(string service, string path) =>
        _seen.TryGetValue((service, path), out var answers) ? answers : new Dictionary<string, int>();

    public string Describe(string service) =>
        string.Join("; ", Paths.Select(path => $"{path} {string.Join(", ", Seen(service, path).OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"))}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_pollers);
        _clients.ForEach(c => c.Dispose());
        _stop.Dispose();
    }

    private async Task PollAsync(string service, HttpClient client, string path, CancellationToken stop)
    {
        var answers = _seen.GetOrAdd((service, path), _ => new ConcurrentDictionary<string, int>());
        while (!stop.IsCancellationRequested)
        {
            var answer = await AskAsync(client, path, stop);
            if (answer is not null)
            {
                answers.AddOrUpdate(answer, 1, (_, n) => n + 1);
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<string?> AskAsync(HttpClient client, string path, CancellationToken stop)
    {
        try
        {
            using var response = await client.GetAsync(path, stop);
            var code = ((int)response.StatusCode).ToString();
            if (path == "/health/live" || (path == "/health/ready" && response.IsSuccessStatusCode))
            {
                return code;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
            if (path == "/health/ready")
            {
                var unhealthy = body.RootElement.GetProperty("services").EnumerateObject().Where(c => c.Value.GetString() == "unhealthy").Select(c => c.Name);
                return $"{code} {string.Join(",", unhealthy)}";
            }

            return $"{code} {body.RootElement.GetProperty("status").GetString()}";
        }
        catch (HttpRequestException)
        {
            return "refused";
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (OperationCanceledException)
        {
            // The watch ended mid-request: no answer to record.
            return null;
        }
    }
}
