using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nuzantara.Hosting.Dashboard.Security;
using static Microsoft.Playwright.Assertions;

namespace Nuzantara.Dashboard.Tests.Browser;

/// <summary>
/// The resources page's command buttons in Chromium, against a small application rather than the whole stack: a
/// confirmation is asked, declining runs nothing, and the result (done or the failure's message) is shown.
/// </summary>
public sealed class ResourceCommandButtonsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_asks_its_confirmation_runs_and_shows_its_result()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var cleared = 0;
        builder.AddExecutable("worker", "sleep", ".", "300")
            .WithCommand("clear-cache", "Clear cache", _ =>
            {
                Interlocked.Increment(ref cleared);
                return Task.FromResult(CommandResults.Success());
            }, new CommandOptions { ConfirmationMessage = "Clear the cache?", IsHighlighted = true })
            .WithCommand("rotate-keys", "Rotate keys", _ => Task.FromResult(CommandResults.Failure("the key vault is read-only")));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token);
        var (playwright, browser) = await Chromium.LaunchAsync(Token);
        using var disposePlaywright = playwright;
        await using var disposeBrowser = browser;
        var page = await browser.NewPageAsync();
        var dashboard = $"http://127.0.0.1:{app.Services.GetRequiredService<HostingOptions>().DashboardPort}";
        await page.GotoAsync($"{dashboard}/login?t={app.Services.GetRequiredService<DashboardBrowserToken>().Value}");
        var row = page.Locator("tr[data-resource='worker']");
        var result = page.Locator("#command-result");

        var dialogs = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await row.Locator("button[data-command='clear-cache']").ClickAsync();
        Assert.Equal(["Clear the cache?"], dialogs);
        Assert.Equal(0, cleared);

        accept = true;
        await row.Locator("button[data-command='clear-cache']").ClickAsync();
        await Expect(result).ToHaveTextAsync("Clear cache worker: done.", new() { Timeout = 30_000 });
        Assert.Equal(1, cleared);

        await row.Locator("button[data-command='rotate-keys']").ClickAsync();
        await Expect(result).ToContainTextAsync("the key vault is read-only", new() { Timeout = 30_000 });
        await Expect(result).ToHaveClassAsync("error");

        // Start does not show while the worker runs; Stop does, and once it stopped, Start comes back.
        await Expect(row.Locator("button[data-command='start']")).ToHaveCountAsync(0);
        await row.Locator("button[data-command='stop']").ClickAsync();
        await Expect(row.Locator("button[data-command='start']")).ToBeVisibleAsync(Visible);
        await Expect(row.Locator("button[data-command='restart']")).ToBeDisabledAsync();
        Assert.Equal(KnownResourceStates.Exited, app.ResourceNotifications.GetSnapshot("worker")!.State?.Text);
        // Only the command with a confirmation message asked for one.
        Assert.Equal(["Clear the cache?", "Clear the cache?"], dialogs);
    }
}
