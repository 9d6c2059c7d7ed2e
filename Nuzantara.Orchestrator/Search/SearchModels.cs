namespace Nuzantara.Orchestrator.Search;

/// <summary>A document as the backend lists it; only what search needs.</summary>
public sealed record Candidate(long Id, string Title, string Body, IReadOnlyList<string> Tags);

public sealed record CandidatePage(IReadOnlyList<Candidate> Items);

public sealed record RankRequest(string Query, IReadOnlyList<RankDocument> Documents, int Limit);

public sealed record RankDocument(long Id, string Title, string Body);

public sealed record RankResponse(IReadOnlyList<RankedResult> Results);

public sealed record RankedResult(long Id, double Score, int Rank);

/// <summary>The answer of <c>GET /api/search</c>. <see cref="Ranking"/> is "ok", or "unavailable" when results keep the backend's order.</summary>
public sealed record SearchResponse(string Query, string Ranking, IReadOnlyList<SearchResult> Results, int Count, SearchStages Stages);

public sealed record SearchResult(long Id, string Title, IReadOnlyList<string> Tags, double? Score, int Rank);

/// <summary>How long each stage took, in milliseconds.</summary>
public sealed record SearchStages(double CandidatesMs, double RankingMs, double TotalMs);
