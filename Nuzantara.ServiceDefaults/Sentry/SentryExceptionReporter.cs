using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sentry;

namespace Nuzantara.ServiceDefaults.Sentry;

/// <summary>
/// Reports every exception that reaches the exception handler, then lets the other handlers answer it. The caller's
/// own mistakes that ASP.NET Core reports by exception (a body over the limit, malformed input) are not errors of the
/// service and are not reported.
/// </summary>
internal sealed class SentryExceptionReporter(IHub hub) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException)
        {
            hub.CaptureException(exception, scope =>
            {
                scope.SetTag("http.request.method", context.Request.Method);
                scope.SetTag("http.route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched");
                scope.SetTag("url.path", context.Request.Path.Value ?? "");
            });
        }

        return ValueTask.FromResult(false);
    }
}
