using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuzantara.Tests;

namespace Nuzantara.Dashboard.Tests.Logging;

/// <summary>
/// The dashboard logs through the AppHost's logging: a failed login and an endpoint's unhandled exception reach it,
/// ASP.NET Core's per-request lines and the tokens in URLs do not.
/// </summary>
public sealed class DashboardLoggingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_login_is_logged_as_a_warning_with_the_remote_address_and_without_the_token_tried()
    {
        var logs = new CapturedLogs();
        await using var dashboard = await StartAsync(logs);

        using var wrong = await dashboard.Client.GetAsync("/login?t=guessed-token-4711", Token);

        Assert.Equal("/login?failed=1", wrong.Headers.Location?.OriginalString);
        var warning = Assert.Single(logs.Entries, e => e.Message.StartsWith("Dashboard login", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Dashboard login with a wrong token from 127.0.0.1", warning.Message);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("guessed-token-4711", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Successful_requests_log_nothing_from_ASP_NET_Core_and_never_the_browser_token()
    {
        var logs = new CapturedLogs();
        await using var dashboard = await StartAsync(logs);

        var cookies = await dashboard.LoginAsync();
        using var resources = await dashboard.GetAsync("/api/resources", cookies);
        using var page = await dashboard.GetAsync("/traces", cookies);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // ASP.NET Core logs a request's end after its response went out: a failed login afterwards, on the client's
        // kept-alive connection, is logged only once the requests before it are done with, so its warning marks that point.
        using var marker = await dashboard.Client.GetAsync("/login?t=marker", Token);
        await Eventually.ReadAsync(() => Task.FromResult(logs.Entries), entries => entries.Any(e => e.Level == LogLevel.Warning), Timeout,
            entries => $"no warning among {entries.Count} log entries");

        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(dashboard.BrowserToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exception_thrown_in_a_dashboard_endpoint_is_logged_as_an_error_and_answered_with_problem_details()
    {
        var logs = new CapturedLogs();
        await using var dashboard = await StartAsync(logs, builder => builder.AddResource(new TestResource("gauge"))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Gauge",
                Properties = [new("reading", new UnreadableValue())],
            }));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.Add("x-otlp-api-key", dashboard.ApiKey);
        using var response = await dashboard.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(UnreadableValue.Failure, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var error = await Eventually.ReadAsync(
            () => Task.FromResult(logs.Entries.FirstOrDefault(e => e.Level == LogLevel.Error && e.Message.Contains(UnreadableValue.Failure, StringComparison.Ordinal))),
            entry => entry.Message is not null, Timeout, _ => $"no error logged among {logs.Entries.Count} log entries");
        Assert.StartsWith("Microsoft.AspNetCore.", error.Category, StringComparison.Ordinal);
    }

    private static Task<TestDashboard> StartAsync(CapturedLogs logs, Action<IDistributedApplicationTestingBuilder>? model = null) =>
        TestDashboard.StartAsync([], builder =>
        {
            // Everything the AppHost's logging is given, at every level: the AppHost's appsettings.json beside the tests
            // would hide ASP.NET Core's Information lines itself, and an AppHost logging at Debug sees them all.
            builder.Services.AddLogging(logging => logging.AddProvider(logs).AddFilter<CapturedLogs>(category: null, LogLevel.Trace));
            model?.Invoke(builder);
        });

    private sealed class TestResource(string name) : Resource(name);

    /// <summary>A custom resource's property value whose own code fails when the dashboard formats it.</summary>
    private sealed class UnreadableValue
    {
        public const string Failure = "The gauge's reading cannot be formatted";

        public override string ToString() => throw new InvalidOperationException(Failure);
    }
}
