using System.Text.Json;

namespace Nuzantara.Monitoring.Tests;

/// <summary>The running stack's Prometheus, read through its HTTP API as an operator's tools read it.</summary>
public static class PrometheusApi
{
    /// <summary>Runs an instant query; the result vector, or an exception naming Prometheus' error.</summary>
    public static async Task<JsonElement[]> QueryAsync(DistributedApplication app, string promql, CancellationToken cancellationToken)
    {
        var data = await GetAsync(app, $"/api/v1/query?query={Uri.EscapeDataString(promql)}", promql, cancellationToken);
        return data.GetProperty("result").EnumerateArray().ToArray();
    }

    /// <summary>When Prometheus last evaluated the rule group <paramref name="group"/>; null before its first evaluation.</summary>
    public static async Task<DateTimeOffset?> LastEvaluationAsync(DistributedApplication app, string group, CancellationToken cancellationToken)
    {
        var data = await GetAsync(app, "/api/v1/rules?type=record", "the rule groups", cancellationToken);
        var evaluated = data.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == group).GetProperty("lastEvaluation").GetDateTimeOffset();
        // Go's zero time until the first evaluation.
        return evaluated.Year > 1 ? evaluated : null;
    }

    private static async Task<JsonElement> GetAsync(DistributedApplication app, string pathAndQuery, string what, CancellationToken cancellationToken)
    {
        using var prometheus = app.CreateHttpClient("prometheus");
        using var response = await prometheus.GetAsync(pathAndQuery, cancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused '{what}': {body.GetProperty("error").GetString()}");
        }

        return body.GetProperty("data");
    }
}
