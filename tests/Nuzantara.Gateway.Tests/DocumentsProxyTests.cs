using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Nuzantara.Gateway.Tests;

/// <summary>
/// <c>/api/documents/**</c> through YARP: what the client sends reaches the backend unchanged, what the backend answers
/// reaches the client unchanged, and a backend that cannot be reached is 503 problem details.
/// </summary>
public sealed class DocumentsProxyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<int, string, string> BackendAnswers => new()
    {
        { StatusCodes.Status201Created, "application/json", "{\"id\":7,\"title\":\"t\",\"version\":1}" },
        { StatusCodes.Status400BadRequest, "application/problem+json", "{\"status\":400,\"errors\":{\"title\":[\"is required.\"]}}" },
        { StatusCodes.Status404NotFound, "application/problem+json", "{\"status\":404,\"detail\":\"Document 7 does not exist.\"}" },
        { StatusCodes.Status412PreconditionFailed, "application/problem+json", "{\"status\":412}" },
        { StatusCodes.Status422UnprocessableEntity, "application/problem+json", "{\"status\":422,\"title\":\"Idempotency key reused\"}" },
        { StatusCodes.Status503ServiceUnavailable, "application/problem+json", "{\"status\":503,\"title\":\"Database unavailable\"}" },
    };

    [Theory]
    [MemberData(nameof(BackendAnswers))]
    public async Task The_backends_status_headers_and_body_reach_the_client_unchanged(int status, string contentType, string body)
    {
        await using var backend = await StubService.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.Headers.ETag = "\"4\"";
            context.Response.Headers.Location = "/api/documents/7";
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync(body, Token);
        });
        await using var gateway = new GatewayFactory(backend.Url, await StubService.DownUrlAsync());
        using var client = gateway.CreateClient();

        using var response = await client.PutAsync("/api/documents/7", JsonContent.Create(new { title = "t" }), Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("\"4\"", response.Headers.ETag?.Tag);
        Assert.Equal("/api/documents/7", response.Headers.Location?.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_method_path_query_headers_and_body_reach_the_backend_unchanged()
    {
        await using var backend = await StubService.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        await using var gateway = new GatewayFactory(backend.Url, await StubService.DownUrlAsync());
        using var client = gateway.CreateClient();
        const string body = "{\"title\":\"Proxied\",\"body\":\"é ✓\",\"tags\":[\"a\"]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents?tag=a&q=x%20y") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "key-1");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"3\""));

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var received = Assert.Single(backend.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/api/documents?tag=a&q=x%20y", received.PathAndQuery);
        Assert.Equal(body, received.Body);
        Assert.Equal("key-1", received.Headers["Idempotency-Key"].ToString());
        Assert.Equal("\"3\"", received.Headers.IfMatch.ToString());
        Assert.StartsWith("application/json", received.Headers.ContentType.ToString());
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", received.Headers["traceparent"].ToString());
    }

    [Fact]
    public async Task Without_the_backend_a_documents_request_answers_503_problem_details()
    {
        await using var gateway = new GatewayFactory(await StubService.DownUrlAsync(), await StubService.DownUrlAsync());
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/documents/7", Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Backend unavailable", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_reaches_the_backend()
    {
        await using var backend = await StubService.StartAsync((context, _) => Task.CompletedTask);
        await using var gateway = new GatewayFactory(backend.Url, await StubService.DownUrlAsync());
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/api/documents",
            new StringContent("{\"title\":\"big\",\"body\":\"" + new string('b', 600_000) + "\"}", Encoding.UTF8, "application/json"), Token);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(backend.Received);
    }

    [Fact]
    public async Task A_route_the_gateway_does_not_have_is_404_problem_details_and_is_not_forwarded()
    {
        await using var backend = await StubService.StartAsync((context, _) => Task.CompletedTask);
        await using var gateway = new GatewayFactory(backend.Url, await StubService.DownUrlAsync());
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/no-such-route", Token);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(backend.Received);
    }
}
