namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>
/// The environment of a child process: what its resource declares, plus the few variables of the AppHost's own
/// environment that any program needs to run here. Nothing else is inherited, so a secret the AppHost was started
/// with (SLACK_WEBHOOK_URL, SMTP_PASSWORD, GRAFANA_API_KEY…) reaches only the resources that declare it.
/// </summary>
internal static class ChildEnvironment
{
    /// <summary>
    /// Inherited from the AppHost when set: the search path and the user (HOME, USER, LOGNAME, SHELL), locale and time
    /// zone, the temporary folder, the terminal type, the .NET install of a project child (DOTNET_ROOT, where dotnet
    /// is not in its default place), and the CA bundle OpenSSL-based clients trust (SSL_CERT_FILE, SSL_CERT_DIR).
    /// </summary>
    public static readonly IReadOnlySet<string> Inherited = new HashSet<string>(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL",
        "LANG", "LANGUAGE", "TZ", "TMPDIR", "TERM",
        "DOTNET_ROOT",
        "SSL_CERT_FILE", "SSL_CERT_DIR",
    };

    /// <summary>The locale categories (LC_ALL, LC_CTYPE…), inherited as a family.</summary>
    public const string LocalePrefix = "LC_";

    public static bool IsInherited(string name) => Inherited.Contains(name) || name.StartsWith(LocalePrefix, StringComparison.Ordinal);

    /// <summary>
    /// Replaces <paramref name="environment"/> (a <c>ProcessStartInfo.Environment</c>, which starts as a copy of the
    /// AppHost's) with the inherited variables and then <paramref name="declared"/>, which wins over them.
    /// </summary>
    public static void Apply(IDictionary<string, string?> environment, IEnumerable<KeyValuePair<string, string>> declared)
    {
        foreach (var name in environment.Keys.Where(name => !IsInherited(name)).ToList())
        {
            environment.Remove(name);
        }

        foreach (var (name, value) in declared)
        {
            environment[name] = value;
        }
    }
}
