using System.Globalization;
using Npgsql;
using StackExchange.Redis;

namespace Nuzantara.ServiceDefaults.Clients;

/// <summary>
/// The original system's connection settings, URLs in environment variables: <c>REDIS_URL</c>
/// (<c>redis://[[user]:password@]host[:port][/db]</c>, <c>rediss://</c> for TLS) and <c>DATABASE_URL</c>
/// (<c>postgres://user:password@host[:port]/database[?key=value…]</c>). Read as Node's URL parser reads them: the last
/// <c>@</c> ends the user info, so a password may hold a raw <c>@</c>; anything else special (<c>: / ? # %</c>) is
/// percent-encoded. Errors name the variable, never its value: it holds a password.
/// </summary>
internal static class ConnectionUrls
{
    public const string RedisVariable = "REDIS_URL";
    public const string DatabaseVariable = "DATABASE_URL";

    public const string RedisForm = "redis://[:password@]host:port[/db]";
    public const string DatabaseForm = "postgres://user:password@host:port/database";

    private const int RedisDefaultPort = 6379;
    private const int PostgresDefaultPort = 5432;

    public static ConfigurationOptions ParseRedis(string url)
    {
        var parts = Split(url, RedisVariable, RedisForm, ["redis", "rediss"]);
        if (parts.Query.Length > 0)
        {
            throw Invalid(RedisVariable, RedisForm, "query parameters are not supported");
        }

        var options = new ConfigurationOptions { Ssl = parts.Scheme == "rediss", User = parts.User, Password = parts.Password };
        options.EndPoints.Add(parts.Host, parts.Port ?? RedisDefaultPort);
        if (parts.Path.Length > 0)
        {
            options.DefaultDatabase = int.TryParse(parts.Path, NumberStyles.None, CultureInfo.InvariantCulture, out var database)
                ? database
                : throw Invalid(RedisVariable, RedisForm, "the path is not a database number");
        }

        return options;
    }

    public static NpgsqlConnectionStringBuilder ParsePostgres(string url)
    {
        var parts = Split(url, DatabaseVariable, DatabaseForm, ["postgres", "postgresql"]);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parts.Host,
            Port = parts.Port ?? PostgresDefaultPort,
            Username = parts.User,
            Password = parts.Password,
            Database = parts.Path.Length > 0 ? parts.Path : null,
        };
        // libpq's parameters that Npgsql knows by the same name (sslmode, application_name…).
        foreach (var parameter in parts.Query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = parameter.IndexOf('=') is var equals and >= 0
                ? (Decode(parameter[..equals]), Decode(parameter[(equals + 1)..]))
                : (Decode(parameter), "");
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException)
            {
                throw Invalid(DatabaseVariable, DatabaseForm, $"'{key}' is not a connection parameter Npgsql knows");
            }
        }

        return builder;
    }

    private sealed record Parts(string Scheme, string? User, string? Password, string Host, int? Port, string Path, string Query);

    private static Parts Split(string url, string variable, string form, string[] schemes)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd].ToLowerInvariant() : "";
        if (!schemes.Contains(scheme))
        {
            throw Invalid(variable, form, $"the scheme is not {string.Join(" or ", schemes.Select(s => s + "://"))}");
        }

        var rest = url[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var fragment = tail.IndexOf('#');
        if (fragment >= 0)
        {
            tail = tail[..fragment];
        }

        var questionMark = tail.IndexOf('?');
        var query = questionMark >= 0 ? tail[(questionMark + 1)..] : "";
        var path = Decode((questionMark >= 0 ? tail[..questionMark] : tail).TrimStart('/'));

        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            user = NullIfEmpty(Decode(colon >= 0 ? userInfo[..colon] : userInfo));
            password = colon >= 0 ? NullIfEmpty(Decode(userInfo[(colon + 1)..])) : null;
        }

        // An IPv6 host is bracketed ([::1]:6379); the port follows the last colon after the brackets.
        var portColon = authority.LastIndexOf(':');
        if (portColon >= 0 && portColon < authority.LastIndexOf(']'))
        {
            portColon = -1;
        }

        var host = (portColon >= 0 ? authority[..portColon] : authority).Trim('[', ']');
        if (host.Length == 0)
        {
            throw Invalid(variable, form, "the host is missing");
        }

        int? port = null;
        if (portColon >= 0 && authority.Length > portColon + 1)
        {
            port = int.TryParse(authority[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
                ? number
                : throw Invalid(variable, form, "the port is not a number from 1 to 65535");
        }

        return new Parts(scheme, user, password, Decode(host), port, path, query);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text);

    private static string? NullIfEmpty(string text) => text.Length > 0 ? text : null;

    private static InvalidOperationException Invalid(string variable, string form, string reason) =>
        new($"{variable} is not a valid URL ({reason}): expected {form}, with special characters of the password percent-encoded.");
}
