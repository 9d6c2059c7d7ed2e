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

    /// <summary>Every rule file under <paramref name="folder"/> rewritten in place by <see cref="CutPending"/>.</summary>
    public static void CutPendingIn(string folder, string pending)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.yml", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, CutPending(File.ReadAllText(file), pending));
        }
    }

    [GeneratedRegex(@"for: \d+[smh]")]
    private static partial Regex ForClause();
}
