using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Nuzantara.ServiceDefaults.Problems;

/// <summary>
/// The caller's mistakes that ASP.NET Core reports by exception — a body over the size limit (413), a body that is not the
/// declared JSON (400), a wrong content type (415) — answered as problem details with their own status, not as a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || context.Response.HasStarted)
        {
            return false;
        }

        context.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this endpoint accepts."
                    : badRequest.Message,
            },
        });
    }
}
