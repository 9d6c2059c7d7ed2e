using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Nuzantara.Hosting.Dashboard;
using Nuzantara.Hosting.Dashboard.Security;
using Spectre.Console;

namespace Nuzantara.Hosting.Console;

/// <summary>
/// What the person who typed <c>dotnet run</c> sees: a live table of resources while they start (state, health,
/// endpoint), then where everything is and how long it took, then each resource's output prefixed with its name.
/// With a redirected console (CI, logs) the table becomes one line per change.
/// </summary>
internal sealed class StartupConsole(
    HostingOptions options,
    DashboardOptions dashboardOptions,
    DashboardBrowserToken browserToken,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    DistributedApplicationModel model)
    : BackgroundService
{
    /// <summary>The log under which package installation progress is written.</summary>
    public const string ProvisioningLog = "provisioning";

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var live = options.LiveConsole && !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!live)
        {
            // Spectre wraps redirected output at 80 columns; log files and CI want whole lines.
            AnsiConsole.Profile.Width = 1000;
        }

        var echo = options.EchoResourceLogs ? EchoLogsAsync(live, stoppingToken) : Task.CompletedTask;
        try
        {
            if (live)
            {
                await ShowLiveTableAsync(stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await PrintChangesUntilSettledAsync(stoppingToken).ConfigureAwait(false);
            }

            PrintSummary();
            _settled.TrySetResult();
            await echo.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ShowLiveTableAsync(CancellationToken cancellationToken)
    {
        await AnsiConsole.Live(BuildTable()).AutoClear(false).StartAsync(async context =>
        {
            while (!IsSettled())
            {
                context.UpdateTarget(BuildTable());
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            context.UpdateTarget(BuildTable());
        }).ConfigureAwait(false);
    }

    private async Task PrintChangesUntilSettledAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            var s = change.Snapshot;
            System.Console.WriteLine($"  {s.Name,-18} {s.State?.Text,-14} {Health(s),-10} {string.Join(' ', Links(s))} {s.StateReason}".TrimEnd());
            if (IsSettled())
            {
                return;
            }
        }
    }

    private async Task EchoLogsAsync(bool live, CancellationToken cancellationToken)
    {
        await foreach (var line in logs.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            // The live table owns the screen until startup settles (it shows provisioning in its caption);
            // lines stay in the buffer for later reading.
            if (live && !_settled.Task.IsCompleted)
            {
                continue;
            }

            if (live)
            {
                AnsiConsole.MarkupLine($"[{(line.IsError ? "red" : "grey")}]{Markup.Escape(line.ResourceName)}[/] {Markup.Escape(line.Text)}");
            }
            else
            {
                // Redirected output goes to files and CI logs: one unwrapped line per line the resource printed.
                System.Console.Out.WriteLine($"{line.ResourceName} {line.Text}");
            }
        }
    }

    /// <summary>Every resource healthy, finished, or not starting (a reason given, or waiting for an explicit Start).</summary>
    private bool IsSettled()
    {
        var snapshots = notifications.GetSnapshots();
        return snapshots.Count > 0 && snapshots.All(s => s.IsHealthy || s.IsTerminal
            || (s.State?.Text == KnownResourceStates.NotStarted && (s.StateReason is not null || model.Find(s.Name).OfAnnotation<ExplicitStartupAnnotation>().Any())));
    }

    private void PrintSummary()
    {
        var snapshots = notifications.GetSnapshots();
        var failed = snapshots.Where(s => s.State?.Text is KnownResourceStates.FailedToStart or KnownResourceStates.RuntimeUnhealthy or KnownResourceStates.Exited).ToList();
        foreach (var s in failed)
        {
            AnsiConsole.MarkupLine($"[red]✗ {Markup.Escape(s.Name)}: {Markup.Escape(s.StateReason ?? s.State?.Text ?? string.Empty)}[/]");
            foreach (var line in logs.GetLines(s.Name).TakeLast(15))
            {
                AnsiConsole.MarkupLine($"    [grey]{Markup.Escape(line.Text)}[/]");
            }
        }

        var healthy = snapshots.Count(s => s.IsHealthy);
        AnsiConsole.MarkupLine(failed.Count == 0
            ? $"[green]✓ {healthy} resources healthy in {_clock.Elapsed.TotalSeconds:0.0} s.[/] Press Ctrl+C to stop."
            : $"[yellow]{healthy} resources healthy, {failed.Count} failed, after {_clock.Elapsed.TotalSeconds:0.0} s.[/] Press Ctrl+C to stop.");
        foreach (var s in snapshots.Where(s => Links(s).Any() && s.IsHealthy))
        {
            AnsiConsole.MarkupLine($"  {Markup.Escape(s.Name),-18} {Markup.Escape(string.Join("  ", Links(s)))}");
        }

        if (options.DashboardPort > 0)
        {
            var dashboard = $"http://{options.BindAddress}:{options.DashboardPort}";
            AnsiConsole.MarkupLine($"  {"resource metrics",-18} {dashboard}/metrics");
            if (dashboardOptions.Unsecured)
            {
                AnsiConsole.MarkupLine($"  {"dashboard",-18} {dashboard}/");
                AnsiConsole.MarkupLine("[red bold]WARNING: the dashboard is UNSECURED (NUZANTARA_DASHBOARD_UNSECURED=true): any program on this machine can read all telemetry and environment and stop resources.[/]");
            }
            else
            {
                // The one place the token is shown: whoever reads this console may open the dashboard.
                AnsiConsole.MarkupLine($"  {"dashboard",-18} {dashboard}/login?t={browserToken.Value}");
            }
        }
    }

    private Table BuildTable()
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Nuzantara — starting ({_clock.Elapsed.TotalSeconds:0.0} s)");
        if (logs.GetLines(ProvisioningLog).LastOrDefault() is { } provisioning && notifications.GetSnapshots().All(s => s.State?.Text == KnownResourceStates.NotStarted))
        {
            table.Caption(Markup.Escape(Truncate(provisioning.Text, 100)));
        }

        table.AddColumns("Resource", "Type", "State", "Health", "Endpoint");
        foreach (var s in notifications.GetSnapshots())
        {
            var state = s.State?.Text switch
            {
                KnownResourceStates.Running => "[green]Running[/]",
                KnownResourceStates.FailedToStart or KnownResourceStates.Exited or KnownResourceStates.RuntimeUnhealthy => $"[red]{s.State?.Text}[/]",
                _ => $"[yellow]{s.State?.Text}[/]",
            };
            var endpoint = s.StateReason is not null && !s.IsHealthy ? Markup.Escape(Truncate(s.StateReason, 70)) : Markup.Escape(Links(s).FirstOrDefault() ?? string.Empty);
            table.AddRow(Markup.Escape(s.Name), s.ResourceType, state, Health(s), endpoint);
        }

        return table;
    }

    private static string Health(CustomResourceSnapshot s) => s.HealthStatus switch
    {
        HealthStatus.Healthy => "Healthy",
        HealthStatus.Degraded => "Degraded",
        HealthStatus.Unhealthy => "Unhealthy",
        _ => s.State?.Text == KnownResourceStates.Running ? "Checking" : string.Empty,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The links a summary shows: those not marked for the details only.</summary>
    private static IEnumerable<string> Links(CustomResourceSnapshot snapshot) => snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url);
}
