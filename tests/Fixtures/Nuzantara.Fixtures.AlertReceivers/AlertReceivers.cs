using System.Collections.Concurrent;
using System.Text.Json;

namespace Nuzantara.Fixtures.AlertReceivers;

/// <summary>
/// Slack's incoming webhooks (<c>POST /slack/…</c>, the JSON checked as Slack would), a heartbeat service taking
/// Alertmanager's webhook (<c>POST /webhook/…</c>, as healthchecks.io takes any request) and an SMTP relay, recording what
/// they receive, readable in-process or at <c>GET /received</c>.
/// </summary>
public sealed class AlertReceivers : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SmtpInbox _smtp;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SlackMessage> _slack = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentQueue<WebhookCall> _webhooks = new();
    private Task _smtpRun = Task.CompletedTask;

    private AlertReceivers(string bindAddress, int httpPort, int smtpPort, (string User, string Password)? smtpAccount)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://{bindAddress}:{httpPort}");
        _app = builder.Build();
        _app.MapPost("/slack/{**path}", async (string path, HttpRequest request) =>
        {
            JsonElement payload;
            try
            {
                payload = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            }
            catch (JsonException)
            {
                _refused.Enqueue("not JSON");
                return Results.Text("invalid_payload", statusCode: StatusCodes.Status400BadRequest);
            }

            var (message, error) = SlackMessage.Parse(path, payload, DateTimeOffset.UtcNow);
            if (message is null)
            {
                _refused.Enqueue(error!);
                return Results.Text("invalid_payload", statusCode: StatusCodes.Status400BadRequest);
            }

            _slack.Enqueue(message);
            return Results.Text("ok");
        });
        _app.MapPost("/webhook/{**path}", async (string path, HttpRequest request) =>
        {
            var payload = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            var alerts = payload.TryGetProperty("alerts", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(a => a.GetProperty("labels").GetProperty("alertname").GetString() ?? string.Empty).ToList()
                : [];
            _webhooks.Enqueue(new WebhookCall(path, alerts, DateTimeOffset.UtcNow));
            return Results.Ok();
        });
        _app.MapGet("/received", () => Results.Json(Received));
        _smtp = new SmtpInbox(bindAddress, smtpPort, smtpAccount);
        SmtpPort = smtpPort;
    }

    public IReadOnlyList<SlackMessage> Slack => [.. _slack];

    /// <summary>Everything received so far.</summary>
    public ReceivedAlerts Received => new(Slack, Email, [.. _webhooks], Refused);

    public IReadOnlyList<EmailMessage> Email => _smtp.Messages;

    /// <summary>Payloads refused as Slack would refuse them, with the reason.</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    /// <summary>The HTTP address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string HttpAddress => _app.Urls.First();

    public int SmtpPort { get; }

    /// <param name="smtpAccount">The account the SMTP relay requires, or null for none.</param>
    public static async Task<AlertReceivers> StartAsync(string bindAddress, int httpPort, int smtpPort, (string User, string Password)? smtpAccount,
        CancellationToken cancellationToken)
    {
        var receivers = new AlertReceivers(bindAddress, httpPort, smtpPort, smtpAccount);
        await receivers._app.StartAsync(cancellationToken);
        receivers._smtpRun = receivers._smtp.RunAsync(receivers._stop.Token);
        return receivers;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _app.DisposeAsync();
        try
        {
            await _smtpRun;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
