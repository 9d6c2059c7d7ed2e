using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nuzantara.Hosting.Dashboard.Security;
using Nuzantara.Hosting.Monitoring;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Tests;

namespace Nuzantara.Dashboard.Tests.Browser;

/// <summary>
/// The AppHost's real definition running on free ports, with a headless Chromium beside it. Prometheus scrapes and
/// evaluates every second, Alertmanager groups for a second and the alert rules' <c>for</c> is cut to seconds, so a
/// stopped service is alerted on while the test watches instead of after a minute.
/// </summary>
public sealed class RunningStack : IAsyncLifetime
{
    private IDistributedApplicationTestingBuilder _builder = null!;
    private IPlaywright _playwright = null!;

    public DistributedApplication App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string DashboardUrl { get; private set; } = null!;

    /// <summary>What the AppHost prints for the person who started it: <c>http://127.0.0.1:port/login?t=…</c>.</summary>
    public string LoginUrl => $"{DashboardUrl}/login?t={App.Services.GetRequiredService<DashboardBrowserToken>().Value}";

    public string ApiKey => App.Services.GetRequiredService<OtlpSettings>().ApiKey;

    /// <summary>Screenshots land in the test output folder, one per page, for a person to look at after the run.</summary>
    public static string ScreenshotPath(string page)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, page + ".png");
    }

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        (_playwright, Browser) = await Chromium.LaunchAsync(token);

        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(token);
        var prometheus = _builder.Resources.OfType<PrometheusResource>().Single().OfAnnotation<PrometheusSettingsAnnotation>().Last();
        prometheus.ScrapeInterval = TimeSpan.FromSeconds(1);
        prometheus.EvaluationInterval = TimeSpan.FromSeconds(1);
        var rules = FastRules(prometheus.RuleFiles, _builder.StateDirectory);
        prometheus.RuleFiles.Clear();
        prometheus.RuleFiles.Add(rules);
        _builder.Configuration[$"{AlertmanagerOptions.SectionName}:GroupWait"] = "00:00:01";
        _builder.Configuration[$"{AlertmanagerOptions.SectionName}:GroupInterval"] = "00:00:02";

        App = await HealthyStack.StartAsync(_builder, token);
        DashboardUrl = $"http://127.0.0.1:{App.Services.GetRequiredService<HostingOptions>().DashboardPort}";
    }

    /// <summary>Whatever InitializeAsync got as far as starting: a start that failed must report its own error, not this one's.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await HealthyStack.StopAsync(App, _builder);
    }

    /// <summary>What the pages wrote to the browser's console as errors: a script failure, a CSP violation, a failed call.</summary>
    public ConcurrentQueue<string> BrowserErrors { get; } = new();

    public async Task<IPage> LoggedInPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                BrowserErrors.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => BrowserErrors.Enqueue($"{page.Url}: {error}");
        await page.GotoAsync(LoginUrl);
        return page;
    }

    /// <summary>The AppHost's own rules with every <c>for</c> cut to two seconds, written beside the test's state.</summary>
    private static string FastRules(IEnumerable<string> ruleFiles, string stateDirectory)
    {
        var folder = Path.Combine(stateDirectory, "fast-rules");
        AlertRulesAtTestSpeed.CopyInto(ruleFiles, folder, "2s");
        return Path.Combine(folder, "*.yml");
    }
}
