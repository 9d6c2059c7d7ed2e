using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Dashboard;

/// <summary>
/// The dashboard's web host logs through the AppHost's logging, as Aspire's dashboard does: a failed login, an alert
/// received, an endpoint's unhandled exception show in the AppHost's log. ASP.NET Core's, the host's and HttpClient's
/// lines below Warning (one or more per request, with its URL and so a login token in it) are dropped first.
/// </summary>
internal static class AppHostLogging
{
    /// <summary>Framework categories whose Information lines are per-request or lifetime noise; their warnings and errors pass.</summary>
    private static readonly string[] FrameworkCategories = ["Microsoft", "System", "Grpc"];

    public static ILoggingBuilder LogToAppHost(this ILoggingBuilder logging, ILoggerFactory appHost)
    {
        logging.ClearProviders().AddProvider(new AppHostLoggerProvider(appHost));
        // The inner host reads logging settings from the working directory's appsettings.json, which are not the
        // AppHost's: they are replaced, so that past these filters the AppHost's own settings decide.
        logging.Services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.Rules.Clear();
            filters.MinLevel = LogLevel.Trace;
            foreach (var category in FrameworkCategories)
            {
                filters.Rules.Add(new LoggerFilterRule(providerName: null, category, LogLevel.Warning, filter: null));
            }
        });
        return logging;
    }

    /// <summary>Loggers of the AppHost's factory, under the same categories, so its filters and providers apply to them.</summary>
    private sealed class AppHostLoggerProvider(ILoggerFactory appHost) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => appHost.CreateLogger(categoryName);

        // The AppHost owns its factory and disposes it.
        public void Dispose()
        {
        }
    }
}
