using Microsoft.AspNetCore.Http;

namespace Nuzantara.Hosting.Dashboard.Security;

/// <summary>
/// Headers that keep the dashboard's pages to their own scripts and styles and out of other sites' frames. The pages
/// have no inline script or style, so the policy allows none.
/// </summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // Telemetry and tokens change every second: nothing here is worth a cache entry.
        headers.CacheControl = "no-store";
        return next(context);
    }
}
