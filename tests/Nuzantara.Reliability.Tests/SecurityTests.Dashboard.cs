using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Reliability.Tests;

/// <summary>
/// The dashboard of the running stack as a stranger, a forger and a logged-in browser see it: nothing without the
/// printed token or the API key, the usual security headers on every answer, and no page that another site can frame.
/// </summary>
public sealed partial class SecurityTests
{
    private static readonly string[] Pages = ["/", "/consolelogs?resource=backend", "/structuredlogs", "/traces", "/traces/detail/0123456789abcdef0123456789abcdef", "/charts", "/alerts"];

    private static readonly string[] ApiRoutes =
        ["/api/resources", "/api/resources/backend/console", "/api/traces", "/api/logs", "/api/metrics", "/api/alerts", "/api/targets", "/api/telemetry"];

    [Fact]
    public async Task Without_the_token_or_the_key_pages_redirect_to_login_and_the_api_answers_401()
    {
        var dashboard = new DashboardClients(stack.App);
        using var stranger = dashboard.Anonymous();
        using var forger = dashboard.Anonymous();
        forger.DefaultRequestHeaders.Add("x-otlp-api-key", "not-the-key");
        forger.DefaultRequestHeaders.Add("Cookie", "nuzantara.dashboard.session=made-up");

        foreach (var client in new[] { stranger, forger })
        {
            foreach (var page in Pages)
            {
                using var response = await client.GetAsync(page, Token);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString() == "/login",
                    $"{page}: {(int)response.StatusCode} {response.Headers.Location}");
            }

            foreach (var route in ApiRoutes)
            {
                using var response = await client.GetAsync(route, Token);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            var before = stack.App.ResourceNotifications.GetSnapshot("python-backend")!;
            using var stop = await client.PostAsync("/api/resources/python-backend/commands/stop", null, Token);
            Assert.Equal(HttpStatusCode.Unauthorized, stop.StatusCode);
            Assert.Equal(before.ProcessId, stack.App.ResourceNotifications.GetSnapshot("python-backend")!.ProcessId);
        }

        using var wrongToken = await stranger.GetAsync("/login?t=not-the-token", Token);
        Assert.Equal("/login?failed=1", wrongToken.Headers.Location?.ToString());
        Assert.False(wrongToken.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("nuzantara.dashboard.session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_printed_token_opens_an_httponly_strict_session_and_the_key_opens_the_api()
    {
        var dashboard = new DashboardClients(stack.App);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = dashboard.Address };
        var token = stack.App.Services.GetRequiredService<Nuzantara.Hosting.Dashboard.Security.DashboardBrowserToken>().Value;
        using var login = await browser.GetAsync($"/login?t={Uri.EscapeDataString(token)}", Token);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nuzantara.dashboard.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, session);

        using var loggedIn = await dashboard.LoggedInAsync(Token);
        foreach (var page in Pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await loggedIn.GetAsync(page, Token)).StatusCode);
        }

        using var script = dashboard.WithApiKey();
        foreach (var route in ApiRoutes)
        {
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(route, Token)).StatusCode);
        }
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_no_page_can_be_framed()
    {
        var dashboard = new DashboardClients(stack.App);
        using var stranger = dashboard.Anonymous();
        using var browser = await dashboard.LoggedInAsync(Token);
        using var script = dashboard.WithApiKey();
        var answers = new List<(string What, HttpResponseMessage Response)>
        {
            ("login page", await stranger.GetAsync("/login", Token)),
            ("redirect to login", await stranger.GetAsync("/", Token)),
            ("401", await stranger.GetAsync("/api/resources", Token)),
            ("resources page", await browser.GetAsync("/", Token)),
            ("traces page", await browser.GetAsync("/traces", Token)),
            ("api", await script.GetAsync("/api/resources", Token)),
        };

        foreach (var (what, response) in answers)
        {
            string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : string.Empty;
            var policy = Header("Content-Security-Policy");
            Assert.True(Header("X-Frame-Options") == "DENY" && policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what} can be framed: {policy}");
            Assert.Contains("default-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.Equal("nosniff", Header("X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header("Referrer-Policy"));
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty);
            response.Dispose();
        }
    }
}
