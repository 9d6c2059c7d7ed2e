using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nuzantara.Backend.Tests;

/// <summary>The requests the tests make of <c>/api/documents</c>, as a client would make them.</summary>
internal static class DocumentRequests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a document and returns it as the backend answered, failing the test on anything but 201.</summary>
    public static async Task<JsonElement> CreateDocumentAsync(this HttpClient client, string title, string body, params string[] tags)
    {
        using var response = await client.PostAsJsonAsync("/api/documents", new { title, body, tags }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    public static Task<HttpResponseMessage> CreateWithKeyAsync(this HttpClient client, string key, string title, string body = "b")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(new { title, body }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request, Token);
    }

    public static Task<HttpResponseMessage> SendWithIfMatchAsync(this HttpClient client, HttpMethod method, string path, object? body, string ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, Token);
    }

    /// <summary>Every document stored, counted page by page.</summary>
    public static async Task<int> CountDocumentsAsync(this HttpClient client)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/documents?limit=100" + (cursor is null ? "" : $"&cursor={cursor}"), Token);
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return count;
    }
}
