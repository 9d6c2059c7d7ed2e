using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// <c>/api/alerts</c> on the AppHost's dashboard port, as Alertmanager and the dashboard page use it. On the shared
/// stack: a second AppHost in the same test process would share the resource meters' names with it, and disposing
/// one takes the other's instruments off its /metrics (OpenTelemetry matches meters by name only).
/// </summary>
[Collection(MonitoringStackCollection.Name)]
public sealed class AlertInboxEndpointTests(MonitoringStack stack)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alertmanager_notifications_are_listed_newest_first_with_their_labels_and_receiver()
    {
        using var http = Client(out var apiKey);
        var fingerprint = Guid.NewGuid().ToString("N")[..16];

        using (var firing = await PostAsync(http, Bearer(apiKey), Notification("firing", endsAt: "0001-01-01T00:00:00Z", fingerprint)))
        {
            Assert.Equal(HttpStatusCode.OK, firing.StatusCode);
        }

        using (var resolved = await PostAsync(http, Bearer(apiKey), Notification("resolved", endsAt: "2026-11-30T10:05:00Z", fingerprint)))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts");
        request.Headers.Add("x-otlp-api-key", apiKey);
        using var response = await http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alerts = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.EnumerateArray()
            .Where(a => a.GetProperty("fingerprint").GetString() == fingerprint).ToList();
        Assert.Equal(["resolved", "firing"], alerts.Select(a => a.GetProperty("status").GetString()));
        var newest = alerts[0];
        Assert.Equal("ServiceDown", newest.GetProperty("alertName").GetString());
        Assert.Equal("inbox-test", newest.GetProperty("labels").GetProperty("service").GetString());
        Assert.Equal("critical", newest.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("docs/runbooks/ServiceDown.md", newest.GetProperty("annotations").GetProperty("runbook_url").GetString());
        Assert.Equal("default", newest.GetProperty("receiver").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), newest.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 5, 0, TimeSpan.Zero), newest.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, alerts[1].GetProperty("endsAt").ValueKind);
        Assert.True(newest.GetProperty("receivedAt").GetDateTimeOffset() >= alerts[1].GetProperty("receivedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task A_missing_or_wrong_key_is_refused_and_nothing_is_stored(string? key)
    {
        using var http = Client(out _);
        var fingerprint = Guid.NewGuid().ToString("N")[..16];

        using var post = await PostAsync(http, key is null ? null : Bearer(key), Notification("firing", endsAt: "0001-01-01T00:00:00Z", fingerprint));
        using var get = await http.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/alerts"), key), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.DoesNotContain(stack.Inbox.Snapshot(), a => a.Fingerprint == fingerprint);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"version":"3","receiver":"default","status":"firing","alerts":[]}""")]
    [InlineData("""{"version":"4","receiver":"default","status":"firing","alerts":[{"status":"firing","labels":{"service":"backend"},"startsAt":"2026-11-30T10:00:00Z"}]}""")]
    [InlineData("""{"version":"4","receiver":"default","status":"firing","alerts":[{"status":"pending","labels":{"alertname":"X"},"startsAt":"2026-11-30T10:00:00Z"}]}""")]
    public async Task A_malformed_notification_is_a_400_problem(string body)
    {
        using var http = Client(out var apiKey);

        using var response = await PostAsync(http, Bearer(apiKey), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient Client(out string apiKey)
    {
        apiKey = stack.App.Services.GetRequiredService<OtlpSettings>().ApiKey;
        var options = stack.App.Services.GetRequiredService<HostingOptions>();
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{options.DashboardPort}") };
    }

    private static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string? key)
    {
        if (key is not null)
        {
            request.Headers.Add("x-otlp-api-key", key);
        }

        return request;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, AuthenticationHeaderValue? authorization, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = authorization;
        return await http.SendAsync(request, Token);
    }

    /// <summary>What Alertmanager 0.27 posts for one alert of the default receiver.</summary>
    private static string Notification(string status, string endsAt, string fingerprint) => $$"""
        {
          "receiver": "default", "status": "{{status}}", "version": "4", "truncatedAlerts": 0,
          "groupKey": "{}:{alertname=\"ServiceDown\", service=\"inbox-test\"}",
          "groupLabels": {"alertname": "ServiceDown", "service": "inbox-test"},
          "commonLabels": {"alertname": "ServiceDown", "service": "inbox-test", "severity": "critical"},
          "commonAnnotations": {}, "externalURL": "http://127.0.0.1:9093",
          "alerts": [{
            "status": "{{status}}",
            "labels": {"alertname": "ServiceDown", "service": "inbox-test", "severity": "critical", "environment": "Development", "job": "inbox-test", "instance": "127.0.0.1:5000"},
            "annotations": {"summary": "Prometheus cannot scrape a service.", "runbook_url": "docs/runbooks/ServiceDown.md"},
            "startsAt": "2026-11-30T10:00:00Z", "endsAt": "{{endsAt}}",
            "generatorURL": "http://127.0.0.1:9090/graph", "fingerprint": "{{fingerprint}}"
          }]
        }
        """;
}
