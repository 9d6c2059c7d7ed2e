namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// aspire-api-allowlist.txt: the portability traps we keep on purpose, one a line as
/// <c>&lt;signature as the test prints it&gt; | &lt;why&gt;</c>. A signature ending in <c>*</c> covers every entry that
/// starts with the rest (for whole namespaces of packages the feed does not serve). Lines starting with # are comments.
/// </summary>
internal sealed record AllowList(IReadOnlyList<AllowList.Line> Lines)
{
    public const string Separator = " | ";

    public static string Path { get; } = System.IO.Path.Combine(Repository.Root, "tests", "Nuzantara.AspireApi.Tests", "aspire-api-allowlist.txt");

    public static AllowList Load() => new(File.ReadAllLines(Path)
        .Select((text, index) => (Text: text.Trim(), Number: index + 1))
        .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#'))
        .Select(l =>
        {
            var separator = l.Text.IndexOf(Separator, StringComparison.Ordinal);
            if (separator < 0 || l.Text[(separator + Separator.Length)..].Trim().Length == 0)
            {
                throw new FormatException($"{Path}:{l.Number}: write '<signature>{Separator}<reason>'; every entry needs a reason.");
            }

            return new Line(l.Text[..separator].Trim(), l.Text[(separator + Separator.Length)..].Trim(), l.Number);
        })
        .ToArray());

    /// <summary>The line that allows <paramref name="entry"/>, or null.</summary>
    public Line? Allowing(ApiEntry entry) => Lines.FirstOrDefault(l => l.Covers(entry));

    public sealed record Line(string Pattern, string Reason, int Number)
    {
        public bool Covers(ApiEntry entry) => Pattern.EndsWith('*')
            ? entry.Signature.StartsWith(Pattern[..^1], StringComparison.Ordinal)
            : entry.Signature == Pattern;
    }
}
