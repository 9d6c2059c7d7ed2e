using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Nuzantara.Hosting.Dashboard.Security;

/// <summary>
/// Aspire's browser token: generated anew each run and printed by the AppHost as <c>/login?t=…</c>. Logging in with it
/// opens a session whose random id lives only in an HttpOnly cookie, so the token itself never sits in a cookie.
/// </summary>
internal sealed class DashboardBrowserToken
{
    /// <summary>Aspire's setting for a fixed browser token (a bookmarked login link that survives restarts).</summary>
    public const string Setting = "AppHost:BrowserToken";

    private readonly byte[] _token;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    public DashboardBrowserToken(IConfiguration configuration)
    {
        Value = configuration[Setting] is { Length: > 0 } configured ? configured : NewSecret();
        _token = Encoding.UTF8.GetBytes(Value);
    }

    public string Value { get; }

    /// <summary>Opens a session for a valid token; null for anything else.</summary>
    public string? Login(string? token)
    {
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _token))
        {
            return null;
        }

        var session = NewSecret();
        _sessions[session] = DateTimeOffset.UtcNow;
        return session;
    }

    public bool IsSession(string? session) => session is not null && _sessions.ContainsKey(session);

    public void Logout(string? session)
    {
        if (session is not null)
        {
            _sessions.TryRemove(session, out _);
        }
    }

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
