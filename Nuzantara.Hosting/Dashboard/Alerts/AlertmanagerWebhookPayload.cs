using System.Text.Json.Serialization;

namespace Nuzantara.Hosting.Dashboard.Alerts;

/// <summary>
/// The body Alertmanager's webhook receiver posts, version 4
/// (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). Only what the inbox keeps is read.
/// </summary>
internal sealed record AlertmanagerWebhookPayload(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("receiver")] string? Receiver,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertmanagerWebhookAlert>? Alerts);

internal sealed record AlertmanagerWebhookAlert(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] Dictionary<string, string>? Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint);
