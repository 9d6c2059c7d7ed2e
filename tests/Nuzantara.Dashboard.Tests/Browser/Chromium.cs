using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Provisioning;

namespace Nuzantara.Dashboard.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright: Playwright's own browser download cannot reach its servers here, so the
/// test installs the OS package the way the engine provisions Redis or Prometheus, and points Playwright at it.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(CancellationToken cancellationToken)
    {
        // Playwright's 5 s default for an expectation is too short for a page whose browser shares two cores with
        // the rest of the suite in CI; a page that never gets there still fails.
        Assertions.SetDefaultExpectTimeout(20_000);
        var browserResource = new ExecutableResource("chromium", ExecutablePath, "/");
        browserResource.Annotations.Add(new RequiredPackagesAnnotation(ExecutablePath, ["chromium"]));
        await new NativeBinaryProvisioner(new HostingOptions(), NullLogger<NativeBinaryProvisioner>.Instance)
            .EnsureInstalledAsync([browserResource], line => TestContext.Current.SendDiagnosticMessage(line), cancellationToken);

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root in a container has no user namespace for Chromium's sandbox.
            Args = ["--no-sandbox"],
        });
        return (playwright, browser);
    }
}
