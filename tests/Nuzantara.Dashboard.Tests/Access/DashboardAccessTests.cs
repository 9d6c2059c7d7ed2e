using System.Net;
using System.Text;
using Nuzantara.Hosting.Dashboard.Security;

namespace Nuzantara.Dashboard.Tests.Access;

/// <summary>
/// Who gets in: the printed login URL's token becomes an HttpOnly, SameSite=Strict cookie; scripts use the API key;
/// everyone else goes to the login page or gets 401. Requests that change something need the CSRF token.
/// </summary>
public sealed class DashboardAccessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_login_pages_redirect_to_login_the_API_answers_401_and_metrics_stay_open()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var page = await dashboard.Client.GetAsync("/traces", Token);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location?.OriginalString);

        foreach (var api in new[] { "/api/resources", "/api/traces", "/api/logs", "/api/metrics", "/api/alerts", "/api/targets" })
        {
            using var response = await dashboard.Client.GetAsync(api, Token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var metrics = await dashboard.Client.GetAsync("/metrics", Token);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        using var login = await dashboard.Client.GetAsync("/login", Token);
        Assert.Contains("paste its token", await login.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task The_printed_token_logs_in_with_an_HttpOnly_SameSite_Strict_cookie_and_a_wrong_one_does_not()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var wrong = await dashboard.Client.GetAsync("/login?t=guessed", Token);
        Assert.Equal("/login?failed=1", wrong.Headers.Location?.OriginalString);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var login = await dashboard.Client.GetAsync($"/login?t={Uri.EscapeDataString(dashboard.BrowserToken)}", Token);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardAccess.SessionCookie, StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(dashboard.BrowserToken, session, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.Add("Cookie", session.Split(';')[0]);
        using var resources = await dashboard.Client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
    }

    [Fact]
    public async Task Changes_need_the_CSRF_token_with_a_cookie_but_not_with_the_API_key()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var cookies = await dashboard.LoginAsync();

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/resources/backend/commands/stop");
        forged.Headers.Add("Cookie", cookies.Header);
        using (var response = await dashboard.Client.SendAsync(forged, Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "/api/resources/backend/commands/stop");
        fromPage.Headers.Add("Cookie", cookies.Header);
        fromPage.Headers.Add(DashboardAccess.CsrfHeader, cookies.Csrf);
        using (var response = await dashboard.Client.SendAsync(fromPage, Token))
        {
            // Past the checks: this empty application simply has no backend.
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var script = new HttpRequestMessage(HttpMethod.Post, "/api/resources/backend/commands/stop");
        script.Headers.Add("x-otlp-api-key", dashboard.ApiKey);
        using (var response = await dashboard.Client.SendAsync(script, Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task After_logging_out_the_cookie_no_longer_opens_the_API()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var cookies = await dashboard.LoginAsync();

        using (var logout = await dashboard.PostAsync("/logout", cookies))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var after = await dashboard.GetAsync("/api/resources", cookies);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_bad_input_gets_problem_details()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var cookies = await dashboard.LoginAsync();

        using var page = await dashboard.GetAsync("/", cookies);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());

        foreach (var (path, status) in new[] { ("/api/traces?limit=0", 400), ("/api/traces/not-a-trace-id", 400), ("/api/logs?level=loud", 400), ("/api/traces/5b8efff798038103d269b633813fc60c", 404), ("/api/resources/nope/commands/explode", 404) })
        {
            using var response = path.Contains("explode", StringComparison.Ordinal)
                ? await dashboard.PostAsync(path, cookies)
                : await dashboard.GetAsync(path, cookies);
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task OTLP_without_the_key_or_malformed_is_refused_and_the_store_keeps_what_it_had()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var otlp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboard.Options.OtlpHttpPort}") };
        const string Valid = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"kept"}]}]}]}""";

        using (var stored = await otlp.SendAsync(Export(Valid, dashboard.ApiKey), Token))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        using (var anonymous = await otlp.SendAsync(Export(Valid.Replace("kept", "anonymous", StringComparison.Ordinal), null), Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var malformed = await otlp.SendAsync(Export("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz""", dashboard.ApiKey), Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        var span = Assert.Single(dashboard.Store.GetTraces().SelectMany(t => t));
        Assert.Equal("kept", span.Name);
    }

    [Fact]
    public async Task Unsecured_mode_needs_no_login_but_still_refuses_a_rebound_domain_name()
    {
        await using var dashboard = await TestDashboard.StartAsync(unsecured: true);

        using var resources = await dashboard.Client.GetAsync("/api/resources", Token);
        using var page = await dashboard.Client.GetAsync("/", Token);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        rebound.Headers.Host = $"attacker.example:{dashboard.Options.DashboardPort}";
        using var fromRebound = await dashboard.Client.SendAsync(rebound, Token);

        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fromRebound.StatusCode);
    }

    [Fact]
    public async Task Aspires_settings_fix_the_browser_token_and_the_OTLP_key_and_its_anonymous_switch_opens_the_dashboard()
    {
        await using (var configured = await TestDashboard.StartAsync(["--AppHost:BrowserToken=bookmarked-token", "--AppHost:OtlpApiKey=collector-key"]))
        {
            Assert.Equal(("bookmarked-token", "collector-key"), (configured.BrowserToken, configured.ApiKey));
            using var login = await configured.Client.GetAsync("/login?t=bookmarked-token", Token);
            Assert.Equal("/", login.Headers.Location?.OriginalString);
            using var otlp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{configured.Options.OtlpHttpPort}") };
            using var export = await otlp.SendAsync(Export("{}", "collector-key"), Token);
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        await using var anonymous = await TestDashboard.StartAsync(["--ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true"]);
        using var resources = await anonymous.Client.GetAsync("/api/resources", Token);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
    }

    [Theory]
    [InlineData("/consolelogs/resource/redis", "/consolelogs?resource=redis")]
    [InlineData("/structuredlogs/resource/python-backend", "/structuredlogs?resource=python-backend")]
    [InlineData("/metrics/resource/backend", "/charts?resource=backend")]
    public async Task Aspires_links_to_one_resource_open_that_resources_page(string link, string page)
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Add("x-otlp-api-key", dashboard.ApiKey);

        using var response = await dashboard.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_browser_at_metrics_gets_the_Metrics_page_and_a_scraper_its_text()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        browser.Headers.Add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var scraper = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scraper.Headers.Add("Accept", "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1");

        using var page = await dashboard.Client.SendAsync(browser, Token);
        using var scrape = await dashboard.Client.SendAsync(scraper, Token);

        Assert.Equal(("/charts", HttpStatusCode.Redirect), (page.Headers.Location?.OriginalString, page.StatusCode));
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync(Token));
    }

    private static HttpRequestMessage Export(string json, string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("x-otlp-api-key", apiKey);
        }

        return request;
    }
}
