namespace Nuzantara.Fixtures.AlertReceivers;

/// <summary>What the stand-ins have received: in-process from <see cref="AlertReceivers.Received"/>, or over HTTP from <c>GET /received</c>.</summary>
public sealed record ReceivedAlerts(IReadOnlyList<SlackMessage> Slack, IReadOnlyList<EmailMessage> Email, IReadOnlyList<WebhookCall> Webhooks, IReadOnlyList<string> Refused)
{
    public static async Task<ReceivedAlerts> ReadAsync(HttpClient client, Uri receivers, CancellationToken cancellationToken) =>
        await client.GetFromJsonAsync<ReceivedAlerts>(new Uri(receivers, "/received"), cancellationToken)
        ?? throw new InvalidOperationException($"{receivers}received answered null");

    public override string ToString() =>
        $"Slack: [{string.Join("; ", Slack.Select(m => m.Title))}], e-mail: [{string.Join("; ", Email.Select(m => m.Subject))}], " +
        $"webhooks: [{string.Join("; ", Webhooks.Select(w => $"{w.Path} {string.Join(',', w.AlertNames)}"))}], refused: [{string.Join("; ", Refused)}]";
}
