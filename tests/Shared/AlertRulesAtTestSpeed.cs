using System.Text.RegularExpressions;

namespace Nuzantara.Tests;

/// <summary>
/// The AppHost's alert rules with every <c>for</c> cut short. The delivery tests check the path an alert takes (rule,
/// Alertmanager, Slack, e-mail, the inbox), not how long a rule waits, which promtool's rule tests check; the production
/// waits (a minute for ServiceDown, two for ContainerRestarted) would be most of their time.
/// </summary>
public static partial class AlertRulesAtTestSpeed
{
    public static string CutPending(string rules, string pending) => ForClause().Replace(rules, $"for: {pending}");

    /// <summary>
    /// The rule files that <paramref name="patterns"/> (Prometheus' <c>rule_files</c> globs) name, written into
    /// <paramref name="folder"/> with every <c>for</c> cut to <paramref name="pending"/>.
    /// </summary>
    public static void CopyInto(IEnumerable<string> patterns, string folder, string pending)
    {
        Directory.CreateDirectory(folder);
        foreach (var pattern in patterns)
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(pattern)!, Path.GetFileName(pattern)))
            {
                File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), CutPending(File.ReadAllText(file), pending));
            }
        }
    }

    /// <summary>Every rule file in <paramref name="folder"/> rewritten in place (a published deployment's own copy).</summary>
    public static void CutPendingIn(string folder, string pending) => CopyInto([Path.Combine(folder, "*.yml")], folder, pending);

    [GeneratedRegex(@"for: \d+[smh]")]
    private static partial Regex ForClause();
}
