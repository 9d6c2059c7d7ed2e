using System.Net;
using Microsoft.AspNetCore.Http;
using Nuzantara.Hosting.Dashboard.Otlp;

namespace Nuzantara.Hosting.Dashboard.Security;

/// <summary>
/// Who may use the dashboard port: a browser with a session cookie from <c>/login</c>, a script with the
/// <c>x-otlp-api-key</c> header, or anyone when <c>NUZANTARA_DASHBOARD_UNSECURED=true</c>. Pages without access go to
/// the login page, API calls get 401. <c>/metrics</c> stays open because Prometheus scrapes it. Alertmanager presents
/// the same key as a Bearer token. Requests must name the dashboard by address or as localhost: a page on another
/// site that rebinds its own domain name to 127.0.0.1 (DNS rebinding) is turned away even when the login is off.
/// </summary>
internal sealed class DashboardAccess(DashboardOptions options, DashboardBrowserToken token, OtlpApiKey apiKey)
{
    public const string SessionCookie = "nuzantara.dashboard.session";
    public const string CsrfCookie = "nuzantara.dashboard.csrf";
    public const string CsrfHeader = "x-csrf-token";

    private const string BrowserAccess = "nuzantara.dashboard.browser";

    private static readonly string[] OpenPaths = ["/metrics", "/login", "/static/dashboard.css", "/static/login.js", "/static/favicon.svg"];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsAddressOrLocalhost(context.Request.Host.Host))
        {
            await Results.Problem(statusCode: 400, title: "Unexpected host", detail: "Open the dashboard by its address, e.g. http://127.0.0.1:18888/, or as localhost.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (OpenPaths.Contains(path, StringComparer.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var byApiKey = apiKey.IsValid(context.Request.Headers[OtlpApiKey.HeaderName]) || apiKey.IsValid(BearerToken(context));
        var bySession = token.IsSession(context.Request.Cookies[SessionCookie]);
        if (!byApiKey && !options.Unsecured && !bySession)
        {
            await ((IsApi(path)
                ? Results.Problem(statusCode: 401, title: "Unauthorized", detail: $"Log in with the URL the AppHost printed, or send the {OtlpApiKey.HeaderName} header.").ExecuteAsync(context)
                : Results.Redirect("/login").ExecuteAsync(context)).ConfigureAwait(false));
            return;
        }

        // A script with the key carries no ambient credential, so only browser requests can be forged cross-site.
        if (!byApiKey && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !IsSameOriginWithToken(context))
        {
            await Results.Problem(statusCode: 403, title: "Forbidden", detail: $"Requests that change something need the {CsrfHeader} header from the dashboard's page.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Items[BrowserAccess] = !byApiKey;
        if (!IsApi(path) && context.Request.Cookies[CsrfCookie] is null)
        {
            context.Response.Cookies.Append(CsrfCookie, DashboardBrowserToken.NewSecret(), new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Strict, Path = "/" });
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>True when this request was let in as the dashboard's browser user (session cookie, or unsecured mode).</summary>
    public static bool IsBrowserUser(HttpContext context) => context.Items[BrowserAccess] is true;

    private static bool IsAddressOrLocalhost(string host) =>
        IPAddress.TryParse(host, out _) || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

    private static string? BearerToken(HttpContext context)
    {
        const string Bearer = "Bearer ";
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : null;
    }

    /// <summary>Double-submit check: a cross-site page can neither read the SameSite cookie nor set a custom header without CORS.</summary>
    private static bool IsSameOriginWithToken(HttpContext context)
    {
        var cookie = context.Request.Cookies[CsrfCookie];
        var header = context.Request.Headers[CsrfHeader].ToString();
        if (string.IsNullOrEmpty(cookie) || !string.Equals(cookie, header, StringComparison.Ordinal))
        {
            return false;
        }

        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0 || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsApi(string path) => path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
}
