using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Dashboard.Otlp;
using Nuzantara.Hosting.Dashboard.Security;

namespace Nuzantara.Hosting.Dashboard.Alerts;

/// <summary>
/// <c>POST /api/alerts</c>, Alertmanager's webhook, and <c>GET /api/alerts</c>, what the dashboard shows. Both need the
/// AppHost's API key, as a Bearer token (Alertmanager's <c>http_config.authorization</c>) or in <c>x-otlp-api-key</c>:
/// alerts name services and hosts, and a forged alert would mislead whoever is on call.
/// </summary>
internal static class AlertInboxEndpoints
{
    public const string Path = "/api/alerts";

    private const int MaxAlertsPerNotification = 1_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapAlertInbox(this IEndpointRouteBuilder app, string host)
    {
        app.MapPost(Path, ReceiveAsync).RequireHost(host);
        // Reading is also the Alerts page's: the dashboard's login cookie (checked by DashboardAccess) is enough.
        app.MapGet(Path, (HttpContext context, AlertInbox inbox, OtlpApiKey apiKey) =>
            IsAuthorized(context, apiKey) || DashboardAccess.IsBrowserUser(context) ? Results.Json(inbox.Snapshot(), Json) : Unauthorized()).RequireHost(host);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, AlertInbox inbox, OtlpApiKey apiKey, ILoggerFactory loggers)
    {
        if (!IsAuthorized(context, apiKey))
        {
            return Unauthorized();
        }

        AlertmanagerWebhookPayload? payload;
        try
        {
            payload = await context.Request.ReadFromJsonAsync<AlertmanagerWebhookPayload>(Json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Malformed($"The body is not an Alertmanager webhook payload: {ex.Message}");
        }

        if (Validate(payload) is { } problem)
        {
            return Malformed(problem);
        }

        var receivedAt = DateTimeOffset.UtcNow;
        var alerts = payload!.Alerts!.Select(a => new ReceivedAlert(
            a.Labels!["alertname"],
            a.Status!,
            a.Labels,
            a.Annotations ?? [],
            a.StartsAt,
            a.EndsAt.Year <= 1 ? null : a.EndsAt,
            payload.Receiver!,
            a.Fingerprint ?? string.Empty,
            receivedAt)).ToList();
        inbox.Add(alerts);
        loggers.CreateLogger(typeof(AlertInboxEndpoints)).LogInformation(
            "Alertmanager receiver {Receiver} delivered {Count} alert(s): {Alerts}",
            payload.Receiver, alerts.Count, string.Join(", ", alerts.Select(a => $"{a.AlertName} {a.Status}")));
        return Results.Ok();
    }

    /// <summary>What is wrong with the payload, or null; names the field so the sender can be fixed.</summary>
    private static string? Validate(AlertmanagerWebhookPayload? payload)
    {
        if (payload is null)
        {
            return "The body is empty.";
        }

        if (payload.Version != "4")
        {
            return $"Only version 4 of the webhook payload is understood, not '{payload.Version}'.";
        }

        if (string.IsNullOrEmpty(payload.Receiver) || payload.Alerts is null)
        {
            return "'receiver' and 'alerts' are required.";
        }

        if (payload.Alerts.Count > MaxAlertsPerNotification)
        {
            return $"At most {MaxAlertsPerNotification} alerts per notification (Alertmanager's max_alerts truncates them).";
        }

        foreach (var alert in payload.Alerts)
        {
            if (alert.Labels is null || !alert.Labels.ContainsKey("alertname"))
            {
                return "Every alert needs labels with an 'alertname'.";
            }

            if (alert.Status is not ("firing" or "resolved"))
            {
                return $"An alert's status is 'firing' or 'resolved', not '{alert.Status}'.";
            }

            if (alert.StartsAt.Year <= 1)
            {
                return "Every alert needs its 'startsAt'.";
            }
        }

        return null;
    }

    private static bool IsAuthorized(HttpContext context, OtlpApiKey apiKey)
    {
        const string Bearer = "Bearer ";
        var authorization = context.Request.Headers.Authorization.ToString();
        return apiKey.IsValid(authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : null)
            || apiKey.IsValid(context.Request.Headers[OtlpApiKey.HeaderName]);
    }

    private static IResult Unauthorized() =>
        Results.Problem(statusCode: 401, title: "Unauthorized", detail: $"The AppHost's API key is required, as 'Authorization: Bearer <key>' or in {OtlpApiKey.HeaderName}.");

    private static IResult Malformed(string detail) => Results.Problem(statusCode: 400, title: "Malformed alert notification", detail: detail);
}
