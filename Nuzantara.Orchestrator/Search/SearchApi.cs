using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Nuzantara.Orchestrator.Search;

/// <summary>
/// <c>GET /api/search?q=&amp;limit=</c>: candidates from the backend, ranked by the Python backend. Ranking is an
/// improvement, not a dependency: without it the backend's order is returned, marked <c>"ranking":"unavailable"</c>.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).WithTags("Search");
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, BackendClient backend, RankingClient ranking, IOptionsMonitor<SearchOptions> options,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var errors = new Dictionary<string, string[]>();
        var query = request.Query["q"].ToString();
        if (string.IsNullOrWhiteSpace(query))
        {
            errors["q"] = ["is required: the words to search for."];
        }
        else if (query.Length > settings.MaxQueryLength)
        {
            errors["q"] = [$"is {query.Length} characters long; at most {settings.MaxQueryLength} are allowed."];
        }
        else if (query.Contains('\0'))
        {
            errors["q"] = ["must not contain the NUL character."];
        }

        var limit = settings.DefaultLimit;
        if (request.Query.TryGetValue("limit", out var limitText) &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            errors["limit"] = ["must be a whole number of at least 1."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        limit = Math.Min(limit, settings.MaxLimit);
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<Candidate> candidates;
        try
        {
            candidates = await backend.CandidatesAsync(query, settings.Candidates, cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            loggers.CreateLogger(typeof(SearchApi)).LogWarning("Search failed: the backend is unavailable ({Reason})", exception.Message);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Backend unavailable",
                detail: "The documents backend did not answer, so there is nothing to search. Retry shortly.");
        }

        var candidatesDone = Stopwatch.GetTimestamp();
        var (rankingState, results) = await RankAsync(ranking, query, candidates, limit, loggers, cancellationToken);
        var done = Stopwatch.GetTimestamp();

        var stages = new SearchStages(
            Stopwatch.GetElapsedTime(started, candidatesDone).TotalMilliseconds,
            Stopwatch.GetElapsedTime(candidatesDone, done).TotalMilliseconds,
            Stopwatch.GetElapsedTime(started, done).TotalMilliseconds);
        Activity.Current?.SetTag("search.ranking", rankingState);
        Activity.Current?.SetTag("search.candidates", candidates.Count);
        return Results.Ok(new SearchResponse(query, rankingState, results, results.Count, stages));
    }

    private static async Task<(string State, IReadOnlyList<SearchResult> Results)> RankAsync(RankingClient ranking, string query,
        IReadOnlyList<Candidate> candidates, int limit, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return ("ok", []);
        }

        try
        {
            var ranked = await ranking.RankAsync(
                new RankRequest(query, candidates.Select(c => new RankDocument(c.Id, c.Title, c.Body)).ToList(), limit), cancellationToken);
            var byId = candidates.ToDictionary(c => c.Id);
            return ("ok", ranked.Where(r => byId.ContainsKey(r.Id))
                .Select(r => new SearchResult(r.Id, byId[r.Id].Title, byId[r.Id].Tags, r.Score, r.Rank)).ToList());
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            loggers.CreateLogger(typeof(SearchApi)).LogWarning("Ranking unavailable, answering in the backend's order ({Reason})", exception.Message);
            return ("unavailable", candidates.Take(limit).Select((c, i) => new SearchResult(c.Id, c.Title, c.Tags, null, i + 1)).ToList());
        }
    }

    /// <summary>The other service failed or did not answer — not the caller giving up.</summary>
    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested &&
        exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException or JsonException;
}
