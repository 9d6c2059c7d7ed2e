using System.Globalization;

namespace Nuzantara.Orchestrator.Search;

/// <summary>The backend's documents API, found through service discovery as <c>http://backend</c>.</summary>
public sealed class BackendClient(HttpClient http)
{
    public const string BaseAddress = "http://backend";

    /// <summary>Documents holding any word of <paramref name="query"/>, newest first.</summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<CandidatePage>(
            $"/api/documents?q={Uri.EscapeDataString(query)}&limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        return page?.Items ?? [];
    }
}
