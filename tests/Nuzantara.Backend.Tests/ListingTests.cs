using System.Net;
using System.Text.Json;
using System.Net.Http.Json;

namespace Nuzantara.Backend.Tests;

/// <summary><c>GET /api/documents</c>: newest first, keyset pages joined by an opaque cursor, filters by tag and by any word.</summary>
[Collection(nameof(BackendFixture))]
public sealed class ListingTests(BackendFixture backend)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_listing_pages_newest_first_with_a_cursor_and_filters_by_tag_and_words()
    {
        using var client = backend.CreateClient();
        var tag = $"page-{Guid.NewGuid():N}"[..20];
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.CreateDocumentAsync($"Paged {i}", i % 2 == 0 ? "even zebra" : "odd yak", tag)).GetProperty("id").GetInt64());
        }

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/documents?tag={tag}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"), Token);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);

        var zebras = await client.GetFromJsonAsync<JsonElement>($"/api/documents?tag={tag}&q=zebra", Token);
        Assert.Equal([ids[4], ids[2], ids[0]], zebras.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
        var anyWord = await client.GetFromJsonAsync<JsonElement>($"/api/documents?tag={tag}&q=yak%20nothing-matches-this", Token);
        Assert.Equal([ids[3], ids[1]], anyWord.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_page_is_capped_at_the_maximum_and_a_document_created_meanwhile_does_not_shift_the_next_page()
    {
        using var client = backend.CreateClient();
        var tag = $"cap-{Guid.NewGuid():N}"[..20];
        for (var i = 0; i < 101; i++)
        {
            await client.CreateDocumentAsync($"Capped {i}", "c", tag);
        }

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/documents?tag={tag}&limit=100000", Token);
        Assert.Equal(100, first.GetProperty("items").GetArrayLength());
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);

        await client.CreateDocumentAsync("Created between pages", "c", tag);
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/documents?tag={tag}&limit=100&cursor={cursor}", Token);
        var last = Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal("Capped 0", last.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_cursor_this_api_did_not_return_is_refused_naming_it()
    {
        using var client = backend.CreateClient();
        using var response = await client.GetAsync("/api/documents?cursor=not-a-cursor", Token);

        ProblemAssert.NamesField(await response.ReadProblemAsync(HttpStatusCode.BadRequest), "cursor");
    }
}
