using System.Text;

namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// docs/aspire-api-coverage.md: per package, the counts of the comparison, then what is missing (types, then members
/// of the types we have, by type) and the traps we keep with their reasons. Long lists are collapsed.
/// </summary>
internal static class CoverageReport
{
    public static string Path { get; } = System.IO.Path.Combine(Repository.Root, "docs", "aspire-api-coverage.md");

    public static string Write(ApiComparison comparison, IReadOnlyList<AspirePackage> packages, IReadOnlyList<string> ourAssemblies, AllowList allowList)
    {
        var report = new StringBuilder();
        var versions = string.Join(", ", packages.Select(p => $"{p.Id} {p.Version}"));
        report.AppendLine("# Public API against Aspire's packages").AppendLine();
        report.AppendLine($"Written by `tests/Nuzantara.AspireApi.Tests` from the assemblies themselves; do not edit it. It compares the public API in `Aspire.*` namespaces of {string.Join(" and ", ourAssemblies.Select(a => $"`{a}`"))} with that of {versions}. Each type, and each public or protected constructor, method, property, field and event, is one signature: name, generic arity, parameter types, names, `ref`/`out`/`in`/`params`/`this` and defaults, return type, static or not (overrides are left out: callers reach them through what they override).").AppendLine();
        report.AppendLine("- **supported**: we have the same signature, on the type itself or (for a member other than a constructor) on a base class, or base interface of an interface, which callers reach through it. Extension methods are matched by namespace, whatever static class holds them.");
        report.AppendLine("- **differing**: we have the type or the member's name, only with another signature.");
        report.AppendLine("- **missing**: we do not have it.");
        report.AppendLine($"- **ours only**: ours, in an `Aspire.*` namespace, not in Aspire: code using it would not compile against Aspire. Each one, and our side of each differing one, is on `tests/Nuzantara.AspireApi.Tests/{System.IO.Path.GetFileName(AllowList.Path)}` with its reason; the test fails on any other.").AppendLine();
        report.AppendLine("Regenerate after an API change: `NUZANTARA_UPDATE_API_REPORT=1 dotnet test tests/Nuzantara.AspireApi.Tests`, then review the diff. Aspire.Hosting.AppHost's few types are counted under Aspire.Hosting. Types and members are counted apart: a missing type's members count as missing members.").AppendLine();

        var byPackage = packages.Select(p => p.ComparedAs).Distinct().ToArray();
        report.AppendLine("| Package | Types supported | differing | missing | ours only | Members supported | differing | missing | ours only |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var package in byPackage)
        {
            report.AppendLine(CountsRow($"[{package}](#{Anchor(package)})", comparison, e => e.Package == package));
        }

        report.AppendLine(CountsRow("**All**", comparison, _ => true)).AppendLine();
        foreach (var package in byPackage)
        {
            WritePackage(report, package, comparison, allowList);
        }

        return report.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>Supported members as a share of Aspire's, for the README's sentence.</summary>
    public static string Headline(ApiComparison comparison)
    {
        int Count(IEnumerable<ApiEntry> entries, bool types) => entries.Count(e => e.IsType == types);
        var aspireTypes = Count(comparison.Supported, true) + Count(comparison.DifferingInAspire, true) + Count(comparison.Missing, true);
        var aspireMembers = Count(comparison.Supported, false) + Count(comparison.DifferingInAspire, false) + Count(comparison.Missing, false);
        return $"{Count(comparison.Supported, true)} of {aspireTypes} types and {Count(comparison.Supported, false)} of {aspireMembers} members supported, " +
               $"{Count(comparison.DifferingInAspire, false)} members differing, {comparison.OursOnly.Count + comparison.DifferingInOurs.Count} traps allowed";
    }

    private static string CountsRow(string label, ApiComparison comparison, Func<ApiEntry, bool> inRow)
    {
        string Counts(bool types)
        {
            int Count(IEnumerable<ApiEntry> entries) => entries.Count(e => e.IsType == types && inRow(e));
            return $"{Count(comparison.Supported)} | {Count(comparison.DifferingInAspire)} | {Count(comparison.Missing)} | {Count(comparison.OursOnly)}";
        }

        return $"| {label} | {Counts(types: true)} | {Counts(types: false)} |";
    }

    private static void WritePackage(StringBuilder report, string package, ApiComparison comparison, AllowList allowList)
    {
        report.AppendLine($"## {package}").AppendLine();
        var missing = comparison.Missing.Where(e => e.Package == package).ToArray();
        var missingTypes = missing.Where(e => e.IsType).Select(e => e.TypeKey).ToHashSet(StringComparer.Ordinal);
        var missingTypeEntries = missing.Where(e => e.IsType).OrderBy(e => e.Type, StringComparer.Ordinal).ToArray();
        Collapsed(report, $"Missing types ({missingTypeEntries.Length})", missingTypeEntries.Select(t =>
            $"- `{t.Type}` ({t.ShortSignature}, {Members(missing.Count(e => e.TypeKey == t.TypeKey && !e.IsType))})"));

        var missingMembers = missing.Where(e => !e.IsType && !missingTypes.Contains(e.TypeKey)).ToArray();
        Collapsed(report, $"Missing members of the types we have ({missingMembers.Length} in {missingMembers.Select(e => e.TypeKey).Distinct().Count()} types)",
            ByType(missingMembers, e => $"- `{e.ShortSignature}`"));

        var differing = comparison.DifferingInAspire.Concat(comparison.DifferingInOurs).Where(e => e.Package == package)
            .GroupBy(e => (e.Scope, e.Member)).ToArray();
        Collapsed(report, $"Differing ({differing.Length} names: Aspire's signatures, then ours)", differing
            .OrderBy(g => g.First().Type, StringComparer.Ordinal).ThenBy(g => g.Key.Member, StringComparer.Ordinal)
            .SelectMany(g => new[] { "", $"**`{g.First().Type}`{(g.Key.Member.Length == 0 ? "" : " " + g.Key.Member)}**", "" }.Concat(g
                .OrderBy(e => comparison.OursOnly.Contains(e) || comparison.DifferingInOurs.Contains(e)).ThenBy(e => e.ShortSignature, StringComparer.Ordinal)
                .Select(e => comparison.DifferingInAspire.Contains(e)
                    ? $"- Aspire: `{Distinguishable(e, g)}`"
                    : $"- ours: `{Distinguishable(e, g)}` — {allowList.Allowing(e)?.Reason ?? "not on the allow-list"}"))));

        var oursOnly = comparison.OursOnly.Where(e => e.Package == package).ToArray();
        Collapsed(report, $"Ours only ({oursOnly.Length})", ByType(oursOnly, e => $"- `{e.ShortSignature}` — {allowList.Allowing(e)?.Reason ?? "not on the allow-list"}"));
    }

    private static string Members(int count) => count == 1 ? "1 member" : $"{count} members";

    /// <summary>The short signature, or the one with namespaces when only namespaces tell the two sides apart.</summary>
    private static string Distinguishable(ApiEntry entry, IEnumerable<ApiEntry> group) =>
        group.Count(e => e.ShortSignature == entry.ShortSignature) > 1 ? entry.Signature[(entry.Signature.IndexOf(" :: ", StringComparison.Ordinal) + 4)..] : entry.ShortSignature;

    private static IEnumerable<string> ByType(IEnumerable<ApiEntry> entries, Func<ApiEntry, string> line) => entries
        .GroupBy(e => e.Type)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .SelectMany(g => new[] { "", $"**`{g.Key}`**", "" }.Concat(g.OrderBy(e => e.Member, StringComparer.Ordinal).ThenBy(e => e.ShortSignature, StringComparer.Ordinal).Select(line)));

    private static void Collapsed(StringBuilder report, string summary, IEnumerable<string> lines)
    {
        var body = lines.ToArray();
        if (body.Length == 0)
        {
            report.AppendLine($"{summary}: none.").AppendLine();
            return;
        }

        report.AppendLine("<details>").AppendLine($"<summary>{summary}</summary>").AppendLine();
        foreach (var line in body.SkipWhile(l => l.Length == 0))
        {
            report.AppendLine(line);
        }

        report.AppendLine().AppendLine("</details>").AppendLine();
    }

    private static string Anchor(string heading) => heading.ToLowerInvariant().Replace(".", "", StringComparison.Ordinal).Replace(" ", "-", StringComparison.Ordinal);
}
