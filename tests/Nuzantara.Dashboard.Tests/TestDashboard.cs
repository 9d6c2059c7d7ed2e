using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Dashboard.Security;
using Nuzantara.Hosting.Dashboard.Telemetry;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Dashboard.Tests;

/// <summary>An AppHost whose model the test builds (none: only its dashboard runs), on free ports.</summary>
internal sealed class TestDashboard : IAsyncDisposable
{
    private IDistributedApplicationTestingBuilder _builder = null!;
    private bool _disposed;

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public HostingOptions Options { get; private set; } = null!;

    public string BrowserToken => App.Services.GetRequiredService<DashboardBrowserToken>().Value;

    public string ApiKey => App.Services.GetRequiredService<OtlpSettings>().ApiKey;

    public TelemetryStore Store => App.Services.GetRequiredService<TelemetryStore>();

    public Uri Address => new($"http://127.0.0.1:{Options.DashboardPort}");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<TestDashboard> StartAsync(bool unsecured = false) => StartAsync(unsecured ? ["--NUZANTARA_DASHBOARD_UNSECURED=true"] : []);

    public static async Task<TestDashboard> StartAsync(string[] args, Action<IDistributedApplicationTestingBuilder>? model = null)
    {
        var dashboard = new TestDashboard();
        dashboard._builder = DistributedApplicationTestingBuilder.Create(args);
        model?.Invoke(dashboard._builder);
        dashboard.App = await dashboard._builder.BuildAsync(Token);
        await dashboard.App.StartAsync(Token);
        dashboard.Options = dashboard.App.Services.GetRequiredService<HostingOptions>();
        dashboard.Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = dashboard.Address };
        return dashboard;
    }

    public async Task<(string Header, string Csrf)> LoginAsync()
    {
        using var login = await Client.GetAsync($"/login?t={Uri.EscapeDataString(BrowserToken)}", Token);
        var cookies = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        return (string.Join("; ", cookies), cookies.Single(c => c.StartsWith(DashboardAccess.CsrfCookie, StringComparison.Ordinal)).Split('=', 2)[1]);
    }

    public Task<HttpResponseMessage> GetAsync(string path, (string Header, string Csrf) cookies) => SendAsync(HttpMethod.Get, path, cookies);

    public Task<HttpResponseMessage> PostAsync(string path, (string Header, string Csrf) cookies) => SendAsync(HttpMethod.Post, path, cookies);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        await App.DisposeAsync();
        await _builder.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, (string Header, string Csrf) cookies)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookies.Header);
        request.Headers.Add(DashboardAccess.CsrfHeader, cookies.Csrf);
        return await Client.SendAsync(request, Token);
    }
}
