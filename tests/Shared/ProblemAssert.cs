using System.Net;
using System.Text.Json;

namespace Nuzantara.Tests;

/// <summary>Checks of RFC 9457 problem details answers.</summary>
public static class ProblemAssert
{
    /// <summary>The answer is problem details with <paramref name="expected"/> as status, and no stack trace; its body is returned.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", text);
        return problem;
    }

    /// <summary>The problem's <c>errors</c> names <paramref name="field"/>.</summary>
    public static void NamesField(JsonElement problem, string field) =>
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
}
