using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

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
                // The exception handler has cleared the request's endpoint by now; its feature keeps the one that threw.
                scope.SetTag("http.route", RouteTemplate.Of(context.Features.Get<IExceptionHandlerFeature>()?.Endpoint));
                scope.SetTag("url.path", context.Request.Path.Value ?? "");
            });
        }

        return ValueTask.FromResult(false);
    }
}
