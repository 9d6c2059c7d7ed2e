using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Dashboard.Tests.Live;

/// <summary>
/// The pages' event streams: each sends the page's state on connect, then every change within a moment; they need the
/// same login as the JSON API; and they end when the AppHost stops, without holding it up.
/// </summary>
public sealed class EventStreamTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static readonly string[] Streams = ["/api/resources/stream", "/api/resources/worker/console/stream", "/api/logs/stream", "/api/traces/stream", "/api/alerts/stream"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_resources_stream_sends_every_resource_then_each_state_change()
    {
        await using var dashboard = await TestDashboard.StartAsync([], Worker);
        await dashboard.App.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.Running, Token).WaitAsync(Within, Token);
        using var stream = await ServerSentEventReader.OpenAsync(dashboard.Client, "/api/resources/stream", dashboard.ApiKey);

        await stream.NextAsync(e => e.Type == "resources" && StateOf(e, "worker") == KnownResourceStates.Running, Within);
        using var stop = new HttpRequestMessage(HttpMethod.Post, "/api/resources/worker/commands/stop");
        stop.Headers.Add("x-otlp-api-key", dashboard.ApiKey);
        (await dashboard.Client.SendAsync(stop, Token)).EnsureSuccessStatusCode();

        await stream.NextAsync(e => e.Type == "resources" && StateOf(e, "worker") == KnownResourceStates.Exited, Within);
    }

    [Fact]
    public async Task The_console_stream_sends_what_was_printed_then_new_lines_and_a_reconnect_resumes_after_the_last_event()
    {
        await using var dashboard = await TestDashboard.StartAsync([], Worker);
        var logs = dashboard.App.Services.GetRequiredService<ResourceLoggerService>();
        logs.Write("worker", "printed before the page opened", isError: false);

        string? lastId;
        using (var stream = await ServerSentEventReader.OpenAsync(dashboard.Client, "/api/resources/worker/console/stream", dashboard.ApiKey))
        {
            var first = await stream.NextAsync(e => e.Type == "lines", Within);
            Assert.True(first.Json.GetProperty("reset").GetBoolean());
            Assert.Contains("printed before the page opened", Texts(first));

            logs.Write("worker", "printed while the page follows", isError: true);
            var next = await stream.NextAsync(e => e.Type == "lines" && Texts(e).Contains("printed while the page follows"), Within);
            Assert.False(next.Json.GetProperty("reset").GetBoolean());
            Assert.True(next.Json.GetProperty("lines").EnumerateArray().Last().GetProperty("isError").GetBoolean());
            lastId = next.Id;
        }

        logs.Write("worker", "printed while the connection was down", isError: false);
        using var resumed = await ServerSentEventReader.OpenAsync(dashboard.Client, "/api/resources/worker/console/stream", dashboard.ApiKey, lastId);
        var catchUp = await resumed.NextAsync(e => e.Type == "lines", Within);

        Assert.False(catchUp.Json.GetProperty("reset").GetBoolean());
        Assert.Equal(["printed while the connection was down"], Texts(catchUp));
    }

    [Fact]
    public async Task The_structured_logs_stream_pushes_each_new_record_that_matches_its_filter()
    {
        await using var dashboard = await TestDashboard.StartAsync([]);
        dashboard.Store.AddLogs([Log("warning", "disk almost full")]);
        using var stream = await ServerSentEventReader.OpenAsync(dashboard.Client, "/api/logs/stream?level=warning", dashboard.ApiKey);

        var first = await stream.NextAsync(e => e.Type == "logs", Within);
        Assert.True(first.Json.GetProperty("reset").GetBoolean());
        Assert.Equal(["disk almost full"], Messages(first));

        dashboard.Store.AddLogs([Log("Information", "order placed"), Log("Error", "payment declined")]);
        var added = await stream.NextAsync(e => e.Type == "logs", Within);

        Assert.False(added.Json.GetProperty("reset").GetBoolean());
        Assert.Equal(["payment declined"], Messages(added));
    }

    [Fact]
    public async Task The_traces_and_alerts_streams_push_when_the_store_or_the_inbox_changes()
    {
        await using var dashboard = await TestDashboard.StartAsync([]);
        using var traces = await ServerSentEventReader.OpenAsync(dashboard.Client, "/api/traces/stream", dashboard.ApiKey);
        using var alerts = await ServerSentEventReader.OpenAsync(dashboard.Client, "/api/alerts/stream", dashboard.ApiKey);
        Assert.Empty((await traces.NextAsync(e => e.Type == "traces", Within)).Json.EnumerateArray());
        Assert.Empty((await alerts.NextAsync(e => e.Type == "alerts", Within)).Json.EnumerateArray());

        var now = DateTimeOffset.UtcNow;
        dashboard.Store.AddSpans([new StoredSpan("backend", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", null, "GET /orders", "Server", now, now.AddMilliseconds(12), "Unset", new Dictionary<string, string>(), [])]);
        dashboard.App.Services.GetRequiredService<AlertInbox>().Add([new ReceivedAlert("ServiceDown", "firing", new Dictionary<string, string> { ["alertname"] = "ServiceDown" }, new Dictionary<string, string>(), now, null, "dashboard", "f1", now)]);

        var trace = Assert.Single((await traces.NextAsync(e => e.Type == "traces", Within)).Json.EnumerateArray());
        Assert.Equal("backend: GET /orders", trace.GetProperty("name").GetString());
        var alert = Assert.Single((await alerts.NextAsync(e => e.Type == "alerts", Within)).Json.EnumerateArray());
        Assert.Equal("ServiceDown", alert.GetProperty("alertName").GetString());
    }

    [Fact]
    public async Task Without_login_every_stream_answers_401_and_with_the_browser_cookie_it_streams()
    {
        await using var dashboard = await TestDashboard.StartAsync([], Worker);
        var cookies = await dashboard.LoginAsync();

        foreach (var path in Streams)
        {
            using var anonymous = await dashboard.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Token);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookies.Header);
            using var browser = await dashboard.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
            Assert.Equal(HttpStatusCode.OK, browser.StatusCode);
            Assert.Equal("text/event-stream", browser.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Stopping_the_AppHost_ends_every_open_stream_and_is_not_held_up_by_them()
    {
        var dashboard = await TestDashboard.StartAsync([], Worker);
        await using var disposal = dashboard;
        var streams = new List<ServerSentEventReader>();
        foreach (var path in Streams)
        {
            var stream = await ServerSentEventReader.OpenAsync(dashboard.Client, path, dashboard.ApiKey);
            streams.Add(stream);
            await stream.NextAsync(_ => true, Within);
        }

        var stopping = Stopwatch.StartNew();
        await dashboard.App.StopAsync(Token);
        stopping.Stop();

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ended.CancelAfter(TimeSpan.FromSeconds(10));
        foreach (var stream in streams)
        {
            while (await stream.NextAsync(ended.Token) is not null)
            {
                // Whatever was sent before the stop; the stream must then end.
            }

            stream.Dispose();
        }

        // A stream that held the stop up would keep it for the host's whole 30 s shutdown timeout; the margin below
        // that absorbs a loaded CI machine without letting a held-up stop pass.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"Stopping took {stopping.Elapsed.TotalMilliseconds:F0} ms with {streams.Count} streams open");
    }

    private static void Worker(IDistributedApplicationTestingBuilder builder) => builder.AddExecutable("worker", "sleep", ".", "300");

    private static string? StateOf(ServerSentEvent resources, string name) =>
        resources.Json.EnumerateArray().Where(r => r.GetProperty("name").GetString() == name).Select(r => r.GetProperty("state").GetString()).SingleOrDefault();

    private static List<string?> Texts(ServerSentEvent lines) => [.. lines.Json.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString())];

    private static List<string?> Messages(ServerSentEvent logs) => [.. logs.Json.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString())];

    private static StoredLog Log(string severity, string message) =>
        new("backend", DateTimeOffset.UtcNow, severity, message, null, null, new Dictionary<string, string>());
}
