using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nuzantara.Backend.Tests;

/// <summary>A create repeated under its <c>Idempotency-Key</c> stores one document; the key reused for another document is refused.</summary>
[Collection(nameof(BackendFixture))]
public sealed class IdempotencyKeyTests(BackendFixture backend)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_repeated_under_its_key_returns_the_first_document_and_stores_no_second()
    {
        using var client = backend.CreateClient();
        var key = Guid.NewGuid().ToString();
        var before = await client.CountDocumentsAsync();

        using var first = await client.CreateWithKeyAsync(key, "Once");
        using var again = await client.CreateWithKeyAsync(key, "Once");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>(Token);
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(created.GetProperty("id").GetInt64(), repeated.GetProperty("id").GetInt64());
        Assert.Equal(before + 1, await client.CountDocumentsAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_document_is_refused_with_422_and_stores_nothing()
    {
        using var client = backend.CreateClient();
        var key = Guid.NewGuid().ToString();
        using var first = await client.CreateWithKeyAsync(key, "Once");
        var before = await client.CountDocumentsAsync();

        using var otherTitle = await client.CreateWithKeyAsync(key, "Something else");
        using var otherBody = await client.CreateWithKeyAsync(key, "Once", body: "another body");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var problem = await otherTitle.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Idempotency key reused", problem.GetProperty("title").GetString());
        await otherBody.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await client.CountDocumentsAsync());
    }

    [Fact]
    public async Task A_key_is_kept_as_long_as_its_document_so_after_a_delete_it_creates_anew()
    {
        using var client = backend.CreateClient();
        var key = Guid.NewGuid().ToString();
        using var first = await client.CreateWithKeyAsync(key, "Short-lived");
        using var deleted = await client.DeleteAsync(first.Headers.Location, Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var again = await client.CreateWithKeyAsync(key, "Short-lived");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(first.Headers.Location, again.Headers.Location);
    }

    [Theory]
    [InlineData("not a key\u0001")]
    [InlineData("with space")]
    public async Task A_key_that_is_not_visible_ascii_is_refused_naming_the_header(string key)
    {
        using var client = backend.CreateClient();
        var before = await client.CountDocumentsAsync();

        using var response = await client.CreateWithKeyAsync(key, "Bad key");

        ProblemAssert.NamesField(await response.ReadProblemAsync(HttpStatusCode.BadRequest), "Idempotency-Key");
        Assert.Equal(before, await client.CountDocumentsAsync());
    }
}
