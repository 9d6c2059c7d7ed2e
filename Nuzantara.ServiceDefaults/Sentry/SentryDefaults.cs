using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.ServiceDefaults.Sentry;

/// <summary>Sentry error capture when <c>SENTRY_DSN</c> is set; without it the SDK is not even initialised.</summary>
internal static class SentryDefaults
{
    public const string DsnVariable = "SENTRY_DSN";

    public static void AddSentryWhenConfigured(IHostApplicationBuilder builder)
    {
        var dsn = builder.Configuration[DsnVariable];
        if (string.IsNullOrWhiteSpace(dsn) || builder is not WebApplicationBuilder web)
        {
            return;
        }

        web.WebHost.UseSentry(options =>
        {
            options.Dsn = dsn;
            options.Environment = builder.Environment.EnvironmentName.ToLowerInvariant();
            options.Release = $"{builder.Environment.ApplicationName}@{ServiceVersion.Current}";
            // Request bodies, cookies and user addresses stay out of the error tracker.
            options.SendDefaultPii = false;
            options.MaxRequestBodySize = global::Sentry.Extensibility.RequestSize.None;
            // Graceful shutdown: queued events leave before the process does.
            options.FlushOnCompletedRequest = false;
            options.ShutdownTimeout = TimeSpan.FromSeconds(5);
            options.AddEventProcessor(new OpenTelemetryTraceEventProcessor());
        });
    }
}
