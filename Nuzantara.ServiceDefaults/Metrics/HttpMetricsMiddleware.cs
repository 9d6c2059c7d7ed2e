using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Nuzantara.ServiceDefaults.Metrics;

/// <summary>
/// Records every request with its <see cref="RouteTemplate"/> as label, except on endpoints marked with
/// DisableHttpMetrics (the health probes and /metrics): what the request SLIs and alerts read is the users' traffic.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, HttpMetrics metrics)
{
    /// <summary>The status label of every status HTTP defines, so that recording a request allocates no string.</summary>
    private static readonly string[] StatusLabels = Enumerable.Range(0, 600).Select(code => code.ToString(CultureInfo.InvariantCulture)).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IDisableHttpMetricsMetadata>() is not null)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        // Read before the pipeline runs: the exception handler clears the endpoint when it answers for a failed request.
        var route = RouteTemplate.Of(context.GetEndpoint());
        metrics.RequestStarted();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            metrics.RequestEnded();
            var status = failed ? 500 : context.Response.StatusCode;
            var tags = new TagList
            {
                { "method", context.Request.Method },
                { "route", route },
                { "status", status < StatusLabels.Length ? StatusLabels[status] : status.ToString(CultureInfo.InvariantCulture) },
            };
            metrics.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            metrics.Requests.Add(1, tags);
            if (status >= 400)
            {
                metrics.Errors.Add(1, tags);
            }
        }
    }
}
