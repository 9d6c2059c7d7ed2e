using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentry.Extensibility;

namespace Nuzantara.ServiceDefaults.Sentry;

/// <summary>
/// Sentry error capture when <c>SENTRY_DSN</c> is set; without it the SDK is not even initialised. The SDK is started
/// here and errors are reported from the exception handler (<see cref="SentryExceptionReporter"/>), not by
/// Sentry.AspNetCore's middleware: that middleware pushes and populates a Sentry scope on every request, which cost the
/// backend about 20 µs of CPU per request, half its throughput on a small route (bench/BENCHMARKS.md, part 1), for
/// request scopes an error-only setup never reads.
/// </summary>
internal static class SentryDefaults
{
    public const string DsnVariable = "SENTRY_DSN";

    public static void AddSentryWhenConfigured(IHostApplicationBuilder builder)
    {
        var dsn = builder.Configuration[DsnVariable];
        if (string.IsNullOrWhiteSpace(dsn))
        {
            return;
        }

        var options = new SentryOptions
        {
            Dsn = dsn,
            Environment = builder.Environment.EnvironmentName.ToLowerInvariant(),
            Release = $"{builder.Environment.ApplicationName}@{ServiceVersion.Current}",
            // Request bodies, cookies and user addresses stay out of the error tracker.
            SendDefaultPii = false,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        options.AddEventProcessor(new OpenTelemetryTraceEventProcessor());

        // Started now, so that an error during start-up is reported too; closed (queue flushed) when the host disposes it.
        var sdk = SentrySdk.Init(options);
        builder.Services.AddSingleton<IHub>(HubAdapter.Instance);
        builder.Services.AddSingleton(_ => new SentrySdkLifetime(sdk));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SentrySdkLifetime>());
        builder.Services.AddExceptionHandler<SentryExceptionReporter>();
    }
}
