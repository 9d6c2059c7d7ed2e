namespace Nuzantara.Orchestrator.Search;

/// <summary>The Python backend's BM25F ranking, found through service discovery as <c>http://python-backend</c>.</summary>
public sealed class RankingClient(HttpClient http)
{
    public const string BaseAddress = "http://python-backend";

    public async Task<IReadOnlyList<RankedResult>> RankAsync(RankRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/rank", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var ranked = await response.Content.ReadFromJsonAsync<RankResponse>(cancellationToken);
        return ranked?.Results ?? [];
    }
}
