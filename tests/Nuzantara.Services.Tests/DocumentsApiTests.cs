using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Nuzantara.Services.Tests;

/// <summary>The documents lifecycle through the gateway, against the real PostgreSQL and Redis of the stack.</summary>
public sealed class DocumentsApiTests(ServicesStack stack) : IClassFixture<ServicesStack>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_document_is_created_read_replaced_under_its_etag_and_deleted()
    {
        using var gateway = stack.Client("orchestrator");
        using var created = await gateway.PostAsJsonAsync("/api/documents", new { title = "Lifecycle", body = "first", tags = new[] { "life" } }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        Assert.Matches("^/api/documents/[0-9]+$", location);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);

        using var read = await gateway.GetAsync(location, Token);
        var document = await read.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Lifecycle", document.GetProperty("title").GetString());
        Assert.Equal(["life"], document.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        using var replaced = await SendAsync(gateway, HttpMethod.Put, location, new { title = "Lifecycle", body = "second" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"2\"", replaced.Headers.ETag!.Tag);

        using var stale = await SendAsync(gateway, HttpMethod.Put, location, new { title = "Lost update", body = "third" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);

        var current = await gateway.GetFromJsonAsync<JsonElement>(location, Token);
        Assert.Equal("second", current.GetProperty("body").GetString());
        Assert.Equal(2, current.GetProperty("version").GetInt32());

        using var deleted = await gateway.DeleteAsync(location, Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await gateway.GetAsync(location, Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType!.MediaType);
        using var deletedAgain = await gateway.DeleteAsync(location, Token);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    [Fact]
    public async Task A_create_repeated_under_its_idempotency_key_returns_the_first_document_and_a_reused_key_is_refused()
    {
        using var gateway = stack.Client("orchestrator");
        var key = Guid.NewGuid().ToString();

        using var first = await CreateWithKeyAsync(gateway, key, "Once");
        using var again = await CreateWithKeyAsync(gateway, key, "Once");
        using var other = await CreateWithKeyAsync(gateway, key, "Something else");
        using var invalid = await CreateWithKeyAsync(gateway, "not a key\u0001", "Bad key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_listing_pages_newest_first_with_a_cursor_and_filters_by_tag_and_words()
    {
        var tag = $"page-{Guid.NewGuid():N}"[..20];
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await stack.CreateDocumentAsync($"Paged {i}", i % 2 == 0 ? "even zebra" : "odd yak", tag)).GetProperty("id").GetInt64());
        }

        using var gateway = stack.Client("orchestrator");
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await gateway.GetFromJsonAsync<JsonElement>($"/api/documents?tag={tag}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"), Token);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen);

        var zebras = await gateway.GetFromJsonAsync<JsonElement>($"/api/documents?tag={tag}&q=zebra", Token);
        Assert.Equal([ids[4], ids[2], ids[0]], zebras.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));

        var capped = await gateway.GetFromJsonAsync<JsonElement>("/api/documents?limit=100000", Token);
        Assert.True(capped.GetProperty("items").GetArrayLength() <= 100);
    }

    public static TheoryData<string, string, string?, string, HttpStatusCode, string> BadRequests => new()
    {
        { "POST", "/api/documents", "application/json", "{\"title\": \"unterminated", HttpStatusCode.BadRequest, "body" },
        { "POST", "/api/documents", "application/json", "{\"title\": 42, \"body\": \"x\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"body\": \"no title\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"t\", \"tags\": \"not-an-array\"}", HttpStatusCode.BadRequest, "tags" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"" + new string('t', 201) + "\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"nul \\u0000 inside\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"t\", \"body\": \"\\ud800\"}", HttpStatusCode.BadRequest, "body" },
        { "POST", "/api/documents", "text/plain", "title=t", HttpStatusCode.UnsupportedMediaType, "" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"big\", \"body\": \"" + new string('b', 600_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "" },
        { "GET", "/api/documents/not-a-number", null, "", HttpStatusCode.BadRequest, "id" },
        { "GET", "/api/documents/-3", null, "", HttpStatusCode.BadRequest, "id" },
        { "GET", "/api/documents/9223372036854775807", null, "", HttpStatusCode.NotFound, "" },
        { "GET", "/api/documents?limit=ten", null, "", HttpStatusCode.BadRequest, "limit" },
        { "GET", "/api/documents?limit=0", null, "", HttpStatusCode.BadRequest, "limit" },
        { "GET", "/api/documents?cursor=%25%25%25", null, "", HttpStatusCode.BadRequest, "cursor" },
        { "GET", "/api/documents?q=" + new string('q', 201), null, "", HttpStatusCode.BadRequest, "q" },
        { "GET", "/api/search", null, "", HttpStatusCode.BadRequest, "q" },
        { "GET", "/api/search?q=x&limit=-1", null, "", HttpStatusCode.BadRequest, "limit" },
        { "GET", "/api/no-such-route", null, "", HttpStatusCode.NotFound, "" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_problem_details_naming_the_field_and_writes_nothing(
        string method, string path, string? contentType, string body, HttpStatusCode expected, string field)
    {
        using var gateway = stack.Client("orchestrator");
        var before = await CountAsync(gateway);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await gateway.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        if (field.Length > 0)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {text}");
        }

        Assert.DoesNotContain("   at ", text);
        Assert.Equal(before, await CountAsync(gateway));
    }

    private static async Task<int> CountAsync(HttpClient gateway)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await gateway.GetFromJsonAsync<JsonElement>("/api/documents?limit=100" + (cursor is null ? "" : $"&cursor={cursor}"), Token);
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return count;
    }

    private static Task<HttpResponseMessage> CreateWithKeyAsync(HttpClient client, string key, string title)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(new { title, body = "b" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request, Token);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return client.SendAsync(request, Token);
    }
}
