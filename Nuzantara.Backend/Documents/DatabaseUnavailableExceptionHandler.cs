using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// PostgreSQL down, restarting or too slow answers 503 with Retry-After. A write is acknowledged only after its commit,
/// but one that timed out may still commit when the database resumes: the answer says so, and creates can be retried
/// safely under an Idempotency-Key.
/// </summary>
public sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    private static readonly HashSet<string> WriteMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch];

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
                Detail = WriteMethods.Contains(context.Request.Method)
                    ? "The documents database did not answer in time, so whether this write was applied is unknown. Retry with the same " +
                      "Idempotency-Key (creates), or read the document before writing again."
                    : "The documents database is not answering. Retry shortly.",
            },
        });
    }
}
