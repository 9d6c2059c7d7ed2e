using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nuzantara.Hosting.Dashboard.Alerts;
using Nuzantara.Hosting.Dashboard.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Nuzantara.Dashboard.Tests.Browser;

/// <summary>
/// The pages in Chromium against an in-process AppHost with one worker: what changes reaches the open page by its
/// event stream, without a reload (and on the Resources page without a call to <c>/api/resources</c>).
/// </summary>
public sealed class LivePagesTests
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_resource_shows_as_exited_without_a_reload_or_a_poll()
    {
        await using var dashboard = await TestDashboard.StartAsync([], builder => builder.AddExecutable("worker", "sleep", ".", "300"));
        var (playwright, browser) = await Chromium.LaunchAsync(Token);
        using var driver = playwright;
        await using var chromium = browser;
        var page = await browser.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.PageError += (_, error) => errors.Enqueue(error);
        await page.GotoAsync(new Uri(dashboard.Address, $"/login?t={Uri.EscapeDataString(dashboard.BrowserToken)}").ToString());
        var worker = page.Locator("tr[data-resource='worker']");
        await Expect(worker.Locator(".badge.Running")).ToBeVisibleAsync(Soon);
        await Expect(page.Locator("#status")).ToContainTextAsync("Live");

        var polls = 0;
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/api/resources")
            {
                Interlocked.Increment(ref polls);
            }
        };
        await page.EvaluateAsync("window.loadedOnce = true");
        await worker.Locator("button[data-command='stop']").ClickAsync();

        await Expect(worker.Locator(".badge.Exited")).ToBeVisibleAsync(Soon);
        Assert.True(await page.EvaluateAsync<bool>("window.loadedOnce === true"), "the page was reloaded");
        Assert.Equal(0, polls);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Console_lines_log_records_traces_and_alerts_appear_on_the_open_pages()
    {
        await using var dashboard = await TestDashboard.StartAsync([], builder => builder.AddExecutable("worker", "sleep", ".", "300"));
        var (playwright, browser) = await Chromium.LaunchAsync(Token);
        using var driver = playwright;
        await using var chromium = browser;
        var errors = new ConcurrentQueue<string>();
        var context = await browser.NewContextAsync();
        var login = await context.NewPageAsync();
        await login.GotoAsync(new Uri(dashboard.Address, $"/login?t={Uri.EscapeDataString(dashboard.BrowserToken)}").ToString());
        var pages = new Dictionary<string, IPage>();
        foreach (var path in new[] { "/consolelogs?resource=worker", "/structuredlogs", "/traces", "/alerts" })
        {
            var page = await context.NewPageAsync();
            page.PageError += (_, error) => errors.Enqueue($"{path}: {error}");
            await page.GotoAsync(new Uri(dashboard.Address, path).ToString());
            await Expect(page.Locator("#status")).ToContainTextAsync("Live");
            await page.EvaluateAsync("window.loadedOnce = true");
            pages[path] = page;
        }

        var now = DateTimeOffset.UtcNow;
        dashboard.App.Services.GetRequiredService<ResourceLoggerService>().Write("worker", "a line printed after the page opened", isError: false);
        dashboard.Store.AddLogs([new StoredLog("backend", now, "Warning", "a record exported after the page opened", null, null, new Dictionary<string, string>())]);
        dashboard.Store.AddSpans([new StoredSpan("backend", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", null, "GET /orders", "Server", now, now.AddMilliseconds(12), "Unset", new Dictionary<string, string>(), [])]);
        dashboard.App.Services.GetRequiredService<AlertInbox>().Add([new ReceivedAlert("ServiceDown", "firing", new Dictionary<string, string> { ["alertname"] = "ServiceDown" }, new Dictionary<string, string>(), now, null, "dashboard", "f1", now)]);

        await Expect(pages["/consolelogs?resource=worker"].Locator("#console")).ToContainTextAsync("a line printed after the page opened", new() { Timeout = 15_000 });
        await Expect(pages["/structuredlogs"].Locator("#logs tbody")).ToContainTextAsync("a record exported after the page opened", new() { Timeout = 15_000 });
        await Expect(pages["/traces"].Locator("tr[data-trace='5b8efff798038103d269b633813fc60c']")).ToBeVisibleAsync(Soon);
        await Expect(pages["/alerts"].Locator("tr[data-alert='ServiceDown'][data-status='firing']")).ToBeVisibleAsync(Soon);
        foreach (var page in pages.Values)
        {
            Assert.True(await page.EvaluateAsync<bool>("window.loadedOnce === true"), $"{page.Url} was reloaded");
        }

        Assert.Empty(errors);
    }
}
