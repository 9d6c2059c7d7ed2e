using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nuzantara.Backend.Tests;

/// <summary>Create, read, conditional replace and delete, with the ETag each answer carries and problem details for 404 and 412.</summary>
[Collection(nameof(BackendFixture))]
public sealed class DocumentLifecycleTests(BackendFixture backend)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_document_is_created_read_replaced_under_its_etag_and_deleted()
    {
        using var client = backend.CreateClient();
        using var created = await client.PostAsJsonAsync("/api/documents", new { title = "Lifecycle", body = "first", tags = new[] { "life", "life" } }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        Assert.Matches("^/api/documents/[0-9]+$", location);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);

        using var read = await client.GetAsync(location, Token);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        var document = await read.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Lifecycle", document.GetProperty("title").GetString());
        Assert.Equal(["life"], document.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        using var replaced = await client.SendWithIfMatchAsync(HttpMethod.Put, location, new { title = "Lifecycle", body = "second" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"2\"", replaced.Headers.ETag!.Tag);

        using var stale = await client.SendWithIfMatchAsync(HttpMethod.Put, location, new { title = "Lost update", body = "third" }, "\"1\"");
        var problem = await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("no longer version 1", problem.GetProperty("detail").GetString());
        using var staleDelete = await client.SendWithIfMatchAsync(HttpMethod.Delete, location, null, "\"1\"");
        await staleDelete.ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        var current = await client.GetFromJsonAsync<JsonElement>(location, Token);
        Assert.Equal("second", current.GetProperty("body").GetString());
        Assert.Equal(2, current.GetProperty("version").GetInt32());

        using var deleted = await client.SendWithIfMatchAsync(HttpMethod.Delete, location, null, "\"2\"");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync(location, Token);
        await gone.ReadProblemAsync(HttpStatusCode.NotFound);
        using var deletedAgain = await client.DeleteAsync(location, Token);
        await deletedAgain.ReadProblemAsync(HttpStatusCode.NotFound);
        using var replacedGone = await client.PutAsJsonAsync(location, new { title = "Too late" }, Token);
        await replacedGone.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_if_match_a_write_is_unconditional_and_with_a_star_it_needs_only_the_document()
    {
        using var client = backend.CreateClient();
        var location = $"/api/documents/{(await client.CreateDocumentAsync("Unconditional", "v1")).GetProperty("id").GetInt64()}";

        using var blind = await client.PutAsJsonAsync(location, new { title = "Unconditional", body = "v2" }, Token);
        using var star = await client.SendWithIfMatchAsync(HttpMethod.Put, location, new { title = "Unconditional", body = "v3" }, "*");

        Assert.Equal("\"2\"", blind.Headers.ETag!.Tag);
        Assert.Equal("\"3\"", star.Headers.ETag!.Tag);
        Assert.Equal("v3", (await client.GetFromJsonAsync<JsonElement>(location, Token)).GetProperty("body").GetString());
    }
}
