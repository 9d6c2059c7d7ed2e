namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// Aspire's API against ours, entry by entry. Each of Aspire's entries is <b>supported</b> (we have the same
/// signature, or inherit it), <b>differing</b> (we have the type, or the member's name, but only with other signatures) or
/// <b>missing</b>. Each of ours Aspire lacks is differing (Aspire has that name with another signature) or
/// <b>ours only</b>; both are portability traps: code that compiles here would not compile against Aspire.
/// </summary>
internal sealed class ApiComparison
{
    private ApiComparison(IReadOnlyList<ApiEntry> supported, IReadOnlyList<ApiEntry> missing,
        IReadOnlyList<ApiEntry> differingInAspire, IReadOnlyList<ApiEntry> differingInOurs, IReadOnlyList<ApiEntry> oursOnly,
        IReadOnlySet<string> ourTypes)
    {
        Supported = supported;
        Missing = missing;
        DifferingInAspire = differingInAspire;
        DifferingInOurs = differingInOurs;
        OursOnly = oursOnly;
        OurTypes = ourTypes;
    }

    public IReadOnlyList<ApiEntry> Supported { get; }

    public IReadOnlyList<ApiEntry> Missing { get; }

    /// <summary>Aspire's side of the differing entries.</summary>
    public IReadOnlyList<ApiEntry> DifferingInAspire { get; }

    /// <summary>Our side of the differing entries: traps, like <see cref="OursOnly"/>.</summary>
    public IReadOnlyList<ApiEntry> DifferingInOurs { get; }

    public IReadOnlyList<ApiEntry> OursOnly { get; }

    /// <summary>The keys of the types we have, of whatever kind.</summary>
    public IReadOnlySet<string> OurTypes { get; }

    /// <summary>Every entry of ours that would not compile against Aspire: what the allow-list must cover.</summary>
    public IEnumerable<ApiEntry> Traps => DifferingInOurs.Concat(OursOnly);

    public static ApiComparison Of(IReadOnlyList<ApiEntry> aspire, IReadOnlyList<ApiEntry> ours)
    {
        var inAspire = Lookup.Of(aspire);
        var inOurs = Lookup.Of(ours);
        var aspireUnmatched = aspire.Where(e => !inOurs.Has(e)).ToArray();
        var oursUnmatched = ours.Where(e => !inAspire.Has(e)).ToArray();
        var aspireUnmatchedNames = aspireUnmatched.Select(NameOf).ToHashSet();
        var oursUnmatchedNames = oursUnmatched.Select(NameOf).ToHashSet();
        return new ApiComparison(
            aspire.Where(inOurs.Has).ToArray(),
            aspireUnmatched.Where(e => !oursUnmatchedNames.Contains(NameOf(e))).ToArray(),
            aspireUnmatched.Where(e => oursUnmatchedNames.Contains(NameOf(e))).ToArray(),
            oursUnmatched.Where(e => aspireUnmatchedNames.Contains(NameOf(e))).ToArray(),
            oursUnmatched.Where(e => !aspireUnmatchedNames.Contains(NameOf(e))).ToArray(),
            ours.Where(e => e.IsType).Select(e => e.TypeKey).ToHashSet(StringComparer.Ordinal));
    }

    private static (string Scope, string Member) NameOf(ApiEntry entry) => (entry.Scope, entry.Member);

    /// <summary>
    /// One side's API, asked whether it has an entry of the other side: the same key, or for a member (not a
    /// constructor) the same signature on one of the type's bases, which callers reach through the type as well
    /// (an interface of ours inheriting what Aspire's redeclares, or the other way round).
    /// </summary>
    private sealed class Lookup(HashSet<string> keys, Dictionary<string, IReadOnlyList<string>> bases)
    {
        public static Lookup Of(IReadOnlyList<ApiEntry> entries) => new(
            entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal),
            entries.Where(e => e.IsType).GroupBy(e => e.TypeKey).ToDictionary(g => g.Key, g => g.First().Bases, StringComparer.Ordinal));

        public bool Has(ApiEntry entry) =>
            keys.Contains(entry.Key) ||
            (!entry.IsType && entry.Member != ".ctor" && entry.Scope == entry.TypeKey &&
             Ancestors(entry.TypeKey).Any(ancestor => keys.Contains(ancestor + " :: " + entry.SignatureKey)));

        private IEnumerable<string> Ancestors(string type)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Queue<string>(bases.GetValueOrDefault(type) ?? []);
            while (pending.TryDequeue(out var ancestor))
            {
                if (seen.Add(ancestor))
                {
                    yield return ancestor;
                    foreach (var next in bases.GetValueOrDefault(ancestor) ?? [])
                    {
                        pending.Enqueue(next);
                    }
                }
            }
        }
    }
}
