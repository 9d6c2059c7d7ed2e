using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Nuzantara.Gateway.Tests;

/// <summary>
/// <c>GET /api/search</c>: the backend's candidates ranked by the ranking service; without ranking, the backend's order
/// marked "unavailable"; without the backend, 503 problem details.
/// </summary>
public sealed class SearchTests
{
    /// <summary>The ranking client gives up within 3 s (two attempts of 2 s at most); the default handler would wait 30 s.</summary>
    private static readonly TimeSpan FallbackWithin = TimeSpan.FromSeconds(10);

    /// <summary>What the backend lists for any query: newest first, as its listing is ordered.</summary>
    private static readonly object[] Candidates =
    [
        new { id = 30, title = "Newest", body = "mentions kopi once", tags = new[] { "new" }, version = 1 },
        new { id = 20, title = "Kopi kopi", body = "all about kopi", tags = new[] { "best" }, version = 1 },
        new { id = 10, title = "Oldest", body = "kopi", tags = Array.Empty<string>(), version = 3 },
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_search_answers_the_backends_candidates_in_the_ranking_services_order()
    {
        await using var backend = await StubService.StartAsync(ListCandidatesAsync);
        await using var ranking = await StubService.StartAsync((context, _) => context.Response.WriteAsJsonAsync(new
        {
            results = new object[] { new { id = 20, score = 2.5, rank = 1 }, new { id = 10, score = 0.75, rank = 2 } },
        }, Token));
        await using var gateway = new GatewayFactory(backend.Url, ranking.Url);
        using var client = gateway.CreateClient();

        var search = await client.GetFromJsonAsync<JsonElement>("/api/search?q=kopi&limit=2", Token);

        Assert.Equal("ok", search.GetProperty("ranking").GetString());
        Assert.Equal("kopi", search.GetProperty("query").GetString());
        Assert.Equal(2, search.GetProperty("count").GetInt32());
        var results = search.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([20L, 10L], results.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(["Kopi kopi", "Oldest"], results.Select(r => r.GetProperty("title").GetString()));
        Assert.Equal(["best"], results[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([2.5, 0.75], results.Select(r => r.GetProperty("score").GetDouble()));
        Assert.Equal([1, 2], results.Select(r => r.GetProperty("rank").GetInt32()));

        var listed = Assert.Single(backend.Received);
        Assert.Equal("/api/documents?q=kopi&limit=100", listed.PathAndQuery);
        var ranked = JsonSerializer.Deserialize<JsonElement>(Assert.Single(ranking.Received).Body);
        Assert.Equal("kopi", ranked.GetProperty("query").GetString());
        Assert.Equal(2, ranked.GetProperty("limit").GetInt32());
        Assert.Equal([30L, 20L, 10L], ranked.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
        Assert.Equal("all about kopi", ranked.GetProperty("documents")[1].GetProperty("body").GetString());
    }

    public static TheoryData<string> RankingFailures => ["down", "500", "hangs", "not json"];

    [Theory]
    [MemberData(nameof(RankingFailures))]
    public async Task Without_the_ranking_service_a_search_answers_in_the_backends_order_without_waiting_out_every_retry(string failure)
    {
        await using var backend = await StubService.StartAsync(ListCandidatesAsync);
        await using var ranking = await StubService.StartAsync((context, _) => failure switch
        {
            "500" => Results.Problem(statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context),
            "hangs" => Task.Delay(Timeout.Infinite, context.RequestAborted),
            _ => context.Response.WriteAsync("<html>a proxy's error page</html>", Token),
        });
        await using var gateway = new GatewayFactory(backend.Url, failure == "down" ? await StubService.DownUrlAsync() : ranking.Url);
        using var client = gateway.CreateClient();

        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync("/api/search?q=kopi&limit=2", Token);
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var search = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("unavailable", search.GetProperty("ranking").GetString());
        var results = search.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([30L, 20L], results.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal([1, 2], results.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.All(results, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("score").ValueKind));
        Assert.True(elapsed < FallbackWithin, $"the fallback took {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_search_without_candidates_answers_no_results_without_asking_the_ranking_service()
    {
        await using var backend = await StubService.StartAsync((context, _) => context.Response.WriteAsJsonAsync(new { items = Array.Empty<object>(), nextCursor = (string?)null }, Token));
        await using var ranking = await StubService.StartAsync((context, _) => Task.CompletedTask);
        await using var gateway = new GatewayFactory(backend.Url, ranking.Url);
        using var client = gateway.CreateClient();

        var search = await client.GetFromJsonAsync<JsonElement>("/api/search?q=nothing", Token);

        Assert.Equal("ok", search.GetProperty("ranking").GetString());
        Assert.Equal(0, search.GetProperty("count").GetInt32());
        Assert.Empty(ranking.Received);
    }

    [Fact]
    public async Task Without_the_backend_a_search_answers_503_problem_details()
    {
        await using var ranking = await StubService.StartAsync((context, _) => Task.CompletedTask);
        await using var gateway = new GatewayFactory(await StubService.DownUrlAsync(), ranking.Url);
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/search?q=kopi", Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Backend unavailable", problem.GetProperty("title").GetString());
        Assert.Empty(ranking.Received);
    }

    [Theory]
    [InlineData("/api/search", "q")]
    [InlineData("/api/search?q=%20%20", "q")]
    [InlineData("/api/search?q=x&limit=-1", "limit")]
    [InlineData("/api/search?q=x&limit=ten", "limit")]
    [InlineData("/api/search?q=nul%00inside", "q")]
    public async Task Bad_input_gets_problem_details_naming_the_field_and_reaches_no_service(string path, string field)
    {
        await using var backend = await StubService.StartAsync(ListCandidatesAsync);
        await using var ranking = await StubService.StartAsync((context, _) => Task.CompletedTask);
        await using var gateway = new GatewayFactory(backend.Url, ranking.Url);
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path, Token);

        ProblemAssert.NamesField(await response.ReadProblemAsync(HttpStatusCode.BadRequest), field);
        Assert.Empty(backend.Received);
        Assert.Empty(ranking.Received);
    }

    [Fact]
    public async Task A_query_over_the_maximum_length_is_refused_naming_it()
    {
        await using var backend = await StubService.StartAsync(ListCandidatesAsync);
        await using var gateway = new GatewayFactory(backend.Url, await StubService.DownUrlAsync());
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/search?q=" + new string('q', 201), Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        ProblemAssert.NamesField(problem, "q");
        Assert.Contains("201 characters", problem.GetProperty("errors").GetProperty("q")[0].GetString());
        Assert.Empty(backend.Received);
    }

    private static Task ListCandidatesAsync(HttpContext context, ReceivedRequest request) =>
        context.Response.WriteAsJsonAsync(new { items = Candidates, nextCursor = (string?)null }, Token);
}
