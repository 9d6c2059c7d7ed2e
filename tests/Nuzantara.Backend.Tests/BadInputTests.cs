using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Nuzantara.Backend.Tests;

/// <summary>Every refusal is RFC 9457 problem details with its status, names the field at fault, and stores nothing.</summary>
[Collection(nameof(BackendFixture))]
public sealed class BadInputTests(BackendFixture backend)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?, string, HttpStatusCode, string> BadRequests => new()
    {
        { "POST", "/api/documents", "application/json", "{\"title\": \"unterminated", HttpStatusCode.BadRequest, "body" },
        { "POST", "/api/documents", "application/json", "{\"title\": 42, \"body\": \"x\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"body\": \"no title\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"   \"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "[1, 2]", HttpStatusCode.BadRequest, "body" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"t\", \"tags\": \"not-an-array\"}", HttpStatusCode.BadRequest, "tags" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"t\", \"tags\": [\"ok\", \"\"]}", HttpStatusCode.BadRequest, "tags[1]" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"t\", \"tags\": [" + string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"t{i}\"")) + "]}", HttpStatusCode.BadRequest, "tags" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"" + new string('t', 201) + "\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"nul \\u0000 inside\"}", HttpStatusCode.BadRequest, "title" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"t\", \"body\": \"\\ud800\"}", HttpStatusCode.BadRequest, "body" },
        { "POST", "/api/documents", "text/plain", "title=t", HttpStatusCode.UnsupportedMediaType, "" },
        { "POST", "/api/documents", "application/json", "{\"title\": \"big\", \"body\": \"" + new string('b', 600_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "" },
        { "PUT", "/api/documents/1", "application/json", "{\"body\": \"no title\"}", HttpStatusCode.BadRequest, "title" },
        { "PUT", "/api/documents/0", "application/json", "{\"title\": \"t\"}", HttpStatusCode.BadRequest, "id" },
        { "GET", "/api/documents/not-a-number", null, "", HttpStatusCode.BadRequest, "id" },
        { "GET", "/api/documents/-3", null, "", HttpStatusCode.BadRequest, "id" },
        { "GET", "/api/documents/9223372036854775807", null, "", HttpStatusCode.NotFound, "" },
        { "DELETE", "/api/documents/9223372036854775807", null, "", HttpStatusCode.NotFound, "" },
        { "GET", "/api/documents?limit=ten", null, "", HttpStatusCode.BadRequest, "limit" },
        { "GET", "/api/documents?limit=0", null, "", HttpStatusCode.BadRequest, "limit" },
        { "GET", "/api/documents?cursor=%25%25%25", null, "", HttpStatusCode.BadRequest, "cursor" },
        { "GET", "/api/documents?cursor=AAAAAAAAAAA", null, "", HttpStatusCode.BadRequest, "cursor" },
        { "GET", "/api/documents?q=" + new string('q', 201), null, "", HttpStatusCode.BadRequest, "q" },
        { "GET", "/api/documents?tag=" + new string('t', 51), null, "", HttpStatusCode.BadRequest, "tag" },
        { "GET", "/api/no-such-route", null, "", HttpStatusCode.NotFound, "" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_problem_details_naming_the_field_and_writes_nothing(
        string method, string path, string? contentType, string body, HttpStatusCode expected, string field)
    {
        using var client = backend.CreateClient();
        var before = await client.CountDocumentsAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await client.SendAsync(request, Token);

        var problem = await response.ReadProblemAsync(expected);
        if (field.Length > 0)
        {
            ProblemAssert.NamesField(problem, field);
        }

        Assert.Equal(before, await client.CountDocumentsAsync());
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("1")]
    public async Task An_if_match_that_is_not_an_etag_of_this_api_is_refused_naming_the_header(string ifMatch)
    {
        using var client = backend.CreateClient();
        var id = (await client.CreateDocumentAsync("If-Match", "kept")).GetProperty("id").GetInt64();

        using var put = await client.SendWithIfMatchAsync(HttpMethod.Put, $"/api/documents/{id}", new { title = "changed" }, ifMatch);
        using var delete = await client.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/documents/{id}", null, ifMatch);

        ProblemAssert.NamesField(await put.ReadProblemAsync(HttpStatusCode.BadRequest), "If-Match");
        ProblemAssert.NamesField(await delete.ReadProblemAsync(HttpStatusCode.BadRequest), "If-Match");
        using var read = await client.GetAsync($"/api/documents/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
    }
}
