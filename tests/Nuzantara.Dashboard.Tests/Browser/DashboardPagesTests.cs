using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nuzantara.Tests;
using static Microsoft.Playwright.Assertions;

namespace Nuzantara.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard as a person uses it, in Chromium against the whole running stack: log in with the printed URL, see
/// every resource healthy, follow a search across the three services as a waterfall, chart a metric, stop a service and see
/// the alert. Every page is saved as a screenshot in the test output's screenshots/ folder.
/// </summary>
public sealed class DashboardPagesTests(RunningStack stack) : IClassFixture<RunningStack>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Eventually = new() { Timeout = 60_000 };

    private static readonly string[] Services = ["backend", "orchestrator", "python-backend"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logging_in_with_the_printed_URL_shows_every_resource_healthy_with_secrets_masked()
    {
        var anonymous = await (await stack.Browser.NewContextAsync()).NewPageAsync();
        await anonymous.GotoAsync($"{stack.DashboardUrl}/traces");
        Assert.EndsWith("/login", anonymous.Url, StringComparison.Ordinal);

        var page = await stack.LoggedInPageAsync();
        Assert.Equal($"{stack.DashboardUrl}/", page.Url);
        foreach (var resource in stack.App.ResourceNotifications.GetSnapshots().Where(s => s.Name != "cadvisor"))
        {
            await Expect(page.Locator($"tr[data-resource='{resource.Name}'] [data-health='Healthy']")).ToBeVisibleAsync(Eventually);
        }

        await Expect(page.Locator("tr[data-resource='cadvisor']")).ToContainTextAsync("only as a container");
        await Expect(page.Locator("tr[data-resource='orchestrator'] a[href^='http://127.0.0.1:']")).ToBeVisibleAsync();

        var backend = page.Locator("tr[data-resource='backend']");
        await backend.Locator("summary").ClickAsync();
        var connectionString = backend.Locator(".env tr", new LocatorLocatorOptions { HasText = "ConnectionStrings__nuzantara" });
        await Expect(connectionString).ToContainTextAsync("Password=••••••");
        Assert.DoesNotContain(stack.ApiKey, await backend.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RunningStack.ScreenshotPath("resources"), FullPage = true });

        await page.GotoAsync($"{stack.DashboardUrl}/consolelogs?resource=backend");
        await Expect(page.Locator("#console")).ToContainTextAsync("Now listening on", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RunningStack.ScreenshotPath("console") });
        Assert.True(stack.BrowserErrors.IsEmpty, string.Join(Environment.NewLine, stack.BrowserErrors));
    }

    [Fact]
    public async Task A_search_through_the_orchestrator_opens_as_a_waterfall_with_spans_of_all_three_services()
    {
        using var orchestrator = stack.App.CreateHttpClient("orchestrator");
        (await orchestrator.PostAsJsonAsync("/api/documents", new { title = "Redis in the dashboard", body = "a waterfall across three services", tags = new[] { "dashboard" } }, Token))
            .EnsureSuccessStatusCode();
        var search = await orchestrator.GetFromJsonAsync<JsonElement>("/api/search?q=waterfall", Token);
        Assert.Equal("ok", search.GetProperty("ranking").GetString());
        var page = await stack.LoggedInPageAsync();

        await page.GotoAsync($"{stack.DashboardUrl}/traces");
        await page.Locator("#resource").SelectOptionAsync("orchestrator");
        var row = page.Locator("#traces tbody tr", new PageLocatorOptions { HasText = "orchestrator: GET /api/search" }).First;
        await Expect(row).ToBeVisibleAsync(Eventually);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RunningStack.ScreenshotPath("traces") });

        // A click can still be lost when new traces re-render the list between mousedown and mouseup: click again.
        for (var attempt = 0; attempt < 3 && !page.Url.Contains("/traces/detail/", StringComparison.Ordinal); attempt++)
        {
            await row.Locator("a").ClickAsync();
            try
            {
                await page.WaitForURLAsync("**/traces/detail/**", new PageWaitForURLOptions { Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
                // Not navigated within 10 s: the click was lost.
            }
        }

        foreach (var service in Services)
        {
            await Expect(page.Locator($".span-row[data-service='{service}']").First).ToBeVisibleAsync(Eventually);
        }

        await page.Locator(".span-row[data-service='python-backend']").First.ClickAsync();
        await Expect(page.Locator(".span-detail")).ToContainTextAsync("/api/rank");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RunningStack.ScreenshotPath("trace"), FullPage = true });

        await page.GotoAsync($"{stack.DashboardUrl}/structuredlogs");
        await Expect(page.Locator("#logs tbody tr td", new PageLocatorOptions { HasText = "orchestrator" }).First).ToBeVisibleAsync(Eventually);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RunningStack.ScreenshotPath("logs") });
        Assert.True(stack.BrowserErrors.IsEmpty, string.Join(Environment.NewLine, stack.BrowserErrors));
    }

    [Fact]
    public async Task A_histogram_is_charted_as_P50_P95_and_P99()
    {
        // A line needs two export intervals with requests in them. Health probes are not counted, so the test sends its own.
        using var traffic = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var requests = SendRequestsAsync(stack.App.CreateHttpClient("backend"), traffic.Token);
        var page = await stack.LoggedInPageAsync();
        await page.GotoAsync($"{stack.DashboardUrl}/charts");

        await Expect(page.Locator("#resource option[value='backend']")).ToBeAttachedAsync(new LocatorAssertionsToBeAttachedOptions { Timeout = 30_000 });
        await page.Locator("#resource").SelectOptionAsync("backend");
        await Expect(page.Locator("#instrument option[value='http_request_duration']")).ToBeAttachedAsync(new LocatorAssertionsToBeAttachedOptions { Timeout = 30_000 });
        await page.Locator("#instrument").SelectOptionAsync("http_request_duration");

        foreach (var quantile in new[] { "P50", "P95", "P99" })
        {
            await Expect(page.Locator($"#chart polyline[data-series='{quantile}']"))
                .ToHaveAttributeAsync("points", new Regex(@"^[\d.]+,[\d.]+( [\d.]+,[\d.]+)+$"), new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        }

        await traffic.CancelAsync();
        await requests;

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RunningStack.ScreenshotPath("metrics"), FullPage = true });
        Assert.True(stack.BrowserErrors.IsEmpty, string.Join(Environment.NewLine, stack.BrowserErrors));
    }

    /// <summary>A user's request every half second until stopped; a failed one is skipped (the chart is what is checked).</summary>
    private static async Task SendRequestsAsync(HttpClient client, CancellationToken stop)
    {
        using (client)
        {
            using var every = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            try
            {
                while (await every.WaitForNextTickAsync(stop))
                {
                    try
                    {
                        using var _ = await client.GetAsync("/api/example", stop);
                    }
                    catch (Exception e) when (e is HttpRequestException || e is TaskCanceledException && !stop.IsCancellationRequested)
                    {
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    [Fact]
    public async Task Stopping_a_service_from_the_dashboard_brings_its_ServiceDown_alert_to_the_alerts_page()
    {
        var page = await stack.LoggedInPageAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        await page.Locator("tr[data-resource='python-backend'] button[data-command='stop']").ClickAsync();
        await Expect(page.Locator("tr[data-resource='python-backend'] .badge.Exited")).ToBeVisibleAsync(Eventually);

        await page.GotoAsync($"{stack.DashboardUrl}/alerts");
        var alert = page.Locator("tr[data-alert='ServiceDown'][data-status='firing']", new PageLocatorOptions { HasText = "python-backend" });
        await Expect(alert.First).ToBeVisibleAsync(Eventually);
        await Expect(page.Locator("tr[data-job='python-backend'] .badge.down")).ToBeVisibleAsync(Eventually);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RunningStack.ScreenshotPath("alerts"), FullPage = true });

        // Newest first, from this stop: not an alert left over from the stack's start.
        using var api = new HttpClient { BaseAddress = new Uri(stack.DashboardUrl) };
        api.DefaultRequestHeaders.Add("x-otlp-api-key", stack.ApiKey);
        var alerts = await api.GetFromJsonAsync<JsonElement>("/api/alerts", Token);
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("alertName").GetString() == "ServiceDown"
            && a.GetProperty("labels").GetProperty("job").GetString() == "python-backend"
            && a.GetProperty("startsAt").GetDateTimeOffset() >= stoppedAt.AddSeconds(-1));

        // Leave the stack as the other tests expect it.
        await page.GotoAsync($"{stack.DashboardUrl}/");
        await page.Locator("tr[data-resource='python-backend'] button[data-command='start']").ClickAsync();
        await stack.App.ResourceNotifications.WaitForResourceHealthyAsync("python-backend", Token).WaitAsync(HealthyStack.StartTimeout, Token);
        Assert.True(stack.BrowserErrors.IsEmpty, string.Join(Environment.NewLine, stack.BrowserErrors));
    }
}
