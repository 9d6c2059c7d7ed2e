using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// PostgreSQL down, restarting or too slow answers 503 with Retry-After: the request can be repeated, and nothing was
/// acknowledged (a write is answered only after its commit).
/// </summary>
public sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var unavailable = exception is NpgsqlException { IsTransient: true }
            or NpgsqlException { InnerException: TimeoutException or System.Net.Sockets.SocketException or IOException };
        if (!unavailable || context.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("PostgreSQL unavailable for {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database unavailable",
                Detail = "The documents database is not answering; nothing was changed. Retry shortly.",
            },
        });
    }
}
