using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Dashboard.Web;

namespace Nuzantara.Hosting.Dashboard.Security;

/// <summary><c>/login?t=…</c> trades the printed token for a session cookie; <c>/login</c> alone asks for the token.</summary>
internal static class LoginEndpoints
{
    public static void MapLogin(this IEndpointRouteBuilder app, string host)
    {
        app.MapGet("/login", (HttpContext context, string? t, DashboardBrowserToken token, DashboardOptions options, DashboardAssets assets, ILogger<DashboardBrowserToken> logger) =>
        {
            if (options.Unsecured)
            {
                return Results.Redirect("/");
            }

            if (t is null)
            {
                return assets.Page("login.html");
            }

            if (token.Login(t) is not { } session)
            {
                logger.LogWarning("Dashboard login with a wrong token from {Remote}", context.Connection.RemoteIpAddress);
                return Results.Redirect("/login?failed=1");
            }

            context.Response.Cookies.Append(DashboardAccess.SessionCookie, session, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            context.Response.Cookies.Append(DashboardAccess.CsrfCookie, DashboardBrowserToken.NewSecret(), new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Strict, Path = "/" });
            // Off the address bar at once, so the token does not linger in the URL being looked at.
            return Results.Redirect("/");
        }).RequireHost(host);

        app.MapPost("/logout", (HttpContext context, DashboardBrowserToken token) =>
        {
            token.Logout(context.Request.Cookies[DashboardAccess.SessionCookie]);
            context.Response.Cookies.Delete(DashboardAccess.SessionCookie);
            return Results.NoContent();
        }).RequireHost(host);
    }
}
