using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace Nuzantara.Backend.Tests;

/// <summary>
/// Cache-aside on the real Redis: a read fills the entry and later reads are served from it, a write replaces it, a
/// delete leaves a tombstone, and an evicted entry is filled again from PostgreSQL.
/// </summary>
[Collection(nameof(BackendFixture))]
public sealed class ReadThroughCacheTests(BackendFixture backend)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_fills_the_cache_and_the_next_read_is_served_from_it()
    {
        using var client = backend.CreateClient();
        var id = (await client.CreateDocumentAsync("Cached", "from postgres")).GetProperty("id").GetInt64();
        Assert.False(await backend.Cache.KeyExistsAsync(Key(id)));

        await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);
        var entry = await EntryAsync(id);
        Assert.Equal(1, entry["version"]!.GetValue<int>());
        Assert.Equal("from postgres", entry["document"]!["body"]!.GetValue<string>());
        var ttl = await backend.Cache.KeyTimeToLiveAsync(Key(id));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));

        // Marked in Redis only: a read that returns the mark was answered by the cache, not the database.
        entry["document"]!["body"] = "from redis";
        await backend.Cache.StringSetAsync(Key(id), entry.ToJsonString(), ttl.Value);
        var served = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);
        Assert.Equal("from redis", served.GetProperty("body").GetString());
    }

    [Fact]
    public async Task An_evicted_entry_is_filled_again_from_the_database()
    {
        using var client = backend.CreateClient();
        var id = (await client.CreateDocumentAsync("Evicted", "v1")).GetProperty("id").GetInt64();
        await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);
        Assert.True(await backend.Cache.KeyDeleteAsync(Key(id)));

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);

        Assert.Equal("v1", read.GetProperty("body").GetString());
        Assert.Equal("v1", (await EntryAsync(id))["document"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_write_replaces_the_entry_so_the_next_read_sees_it()
    {
        using var client = backend.CreateClient();
        var id = (await client.CreateDocumentAsync("Replaced", "v1")).GetProperty("id").GetInt64();
        await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);

        using var update = await client.PutAsJsonAsync($"/api/documents/{id}", new { title = "Replaced", body = "v2" }, Token);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var entry = await EntryAsync(id);
        Assert.Equal(2, entry["version"]!.GetValue<int>());
        Assert.Equal("v2", entry["document"]!["body"]!.GetValue<string>());
        Assert.Equal("v2", (await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token)).GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_delete_leaves_a_tombstone_newer_than_the_deleted_version()
    {
        using var client = backend.CreateClient();
        var id = (await client.CreateDocumentAsync("Deleted", "v1")).GetProperty("id").GetInt64();
        await client.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);

        using var deleted = await client.DeleteAsync($"/api/documents/{id}", Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var tombstone = await EntryAsync(id);
        Assert.True(tombstone["deleted"]!.GetValue<bool>());
        Assert.Equal(2, tombstone["version"]!.GetValue<int>());
        using var gone = await client.GetAsync($"/api/documents/{id}", Token);
        await gone.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private static RedisKey Key(long id) => $"document:{id}";

    private async Task<JsonNode> EntryAsync(long id)
    {
        var value = await backend.Cache.StringGetAsync(Key(id));
        Assert.False(value.IsNull, $"document {id} has no cache entry");
        return JsonNode.Parse(value.ToString())!;
    }
}
