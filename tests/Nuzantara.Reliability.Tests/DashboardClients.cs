using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard.Security;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Reliability.Tests;

/// <summary>
/// The AppHost's dashboard as its three kinds of caller reach it: a stranger with no credential, a script with the OTLP
/// API key, a browser logged in with the printed <c>/login?t=…</c> URL. None follows redirects, so a redirect to the
/// login page is seen as such.
/// </summary>
public sealed class DashboardClients(DistributedApplication app)
{
    public Uri Address { get; } = new($"http://{app.Services.GetRequiredService<HostingOptions>().BindAddress}:{app.Services.GetRequiredService<HostingOptions>().DashboardPort}");

    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    public HttpClient WithApiKey()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("x-otlp-api-key", app.Services.GetRequiredService<OtlpSettings>().ApiKey);
        return client;
    }

    /// <summary>Logs in as the browser does; the session and CSRF cookies ride along on every later request.</summary>
    public async Task<HttpClient> LoggedInAsync(CancellationToken cancellationToken)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        var token = app.Services.GetRequiredService<DashboardBrowserToken>().Value;
        using var login = await client.GetAsync($"/login?t={Uri.EscapeDataString(token)}", cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.ToString());
        return client;
    }
}
