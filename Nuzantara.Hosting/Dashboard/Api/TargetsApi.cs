using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Dashboard.Api;

internal sealed record TargetView(string Job, string Instance, string Health, string? LastError, DateTimeOffset? LastScrape, string ScrapeUrl);

/// <summary><c>/api/targets</c>: what Prometheus scrapes and whether each target is up, from its <c>/api/v1/targets</c>.</summary>
internal static class TargetsApi
{
    public static void MapTargetsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/targets", async (DistributedApplicationModel model, ResourceNotificationService notifications, IHttpClientFactory clients, ILogger<PrometheusTargets> logger, CancellationToken cancellationToken) =>
        {
            var scraper = model.Resources.FirstOrDefault(r => r.TryGetLastAnnotation<ScrapeTargetsApiAnnotation>(out _));
            if (scraper is null)
            {
                return Results.Problem(statusCode: 404, title: "No Prometheus", detail: "The application has no Prometheus resource, nothing that scrapes targets.");
            }

            var endpointName = scraper.OfAnnotation<ScrapeTargetsApiAnnotation>().Last().EndpointName;
            var endpoint = scraper.GetEndpoints().FirstOrDefault(e => e.Name == endpointName)?.AllocatedEndpoint;
            if (endpoint is null || notifications.GetSnapshot(scraper.Name)?.State?.Text != KnownResourceStates.Running)
            {
                return Results.Problem(statusCode: 503, title: "Prometheus is not running", detail: $"'{scraper.Name}' is {notifications.GetSnapshot(scraper.Name)?.State?.Text ?? "not started"}.");
            }

            try
            {
                using var client = clients.CreateClient(nameof(TargetsApi));
                var body = await client.GetStreamAsync($"{endpoint.UriString}/api/v1/targets?state=active", cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return Results.Ok(document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t => new TargetView(
                        t.GetProperty("labels").GetProperty("job").GetString() ?? string.Empty,
                        t.GetProperty("labels").GetProperty("instance").GetString() ?? string.Empty,
                        t.GetProperty("health").GetString() ?? "unknown",
                        t.GetProperty("lastError").GetString() is { Length: > 0 } error ? error : null,
                        t.TryGetProperty("lastScrape", out var scrape) && scrape.TryGetDateTimeOffset(out var at) && at.Year > 1 ? at : null,
                        t.GetProperty("scrapeUrl").GetString() ?? string.Empty)).OrderBy(t => t.Job, StringComparer.Ordinal).ToList());
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reading Prometheus targets from {Prometheus} failed", endpoint.UriString);
                return Results.Problem(statusCode: 502, title: "Prometheus did not answer", detail: ex.Message);
            }
        });
    }

    /// <summary>Log category of the targets API.</summary>
    internal sealed class PrometheusTargets;
}
