using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Nuzantara.ServiceDefaults;

namespace Nuzantara.Services.Tests;

/// <summary>
/// The health body exactly as the original system wrote it, field by field: numbers where it had numbers (uptime,
/// memory, an epoch-milliseconds timestamp), the lower-case environment, each dependency's status word.
/// </summary>
public sealed class HealthBodyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_health_body_is_the_original_systems_field_by_field()
    {
        await using var app = await StartAsync("Staging");
        using var client = LoopbackApp.Client(app);

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var response = await client.GetAsync("/health", Token);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var body = document.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["uptime", "memory", "timestamp", "status", "services", "version", "environment"], body.EnumerateObject().Select(p => p.Name));

        Assert.Equal(JsonValueKind.Number, body.GetProperty("uptime").ValueKind);
        Assert.True(body.GetProperty("uptime").GetDouble() > 0);

        var memory = body.GetProperty("memory");
        Assert.Equal(["rss", "heapTotal"], memory.EnumerateObject().Select(p => p.Name));
        Assert.All(memory.EnumerateObject(), field =>
        {
            Assert.Equal(JsonValueKind.Number, field.Value.ValueKind);
            Assert.True(field.Value.TryGetInt64(out var bytes) && bytes > 0, $"memory.{field.Name} is {field.Value}: a whole number of bytes above 0");
        });

        var timestamp = body.GetProperty("timestamp");
        Assert.Equal(JsonValueKind.Number, timestamp.ValueKind);
        Assert.InRange(timestamp.GetInt64(), before, after);

        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal(["redis:degraded", "database:healthy"], body.GetProperty("services").EnumerateObject().Select(s => $"{s.Name}:{s.Value.GetString()}"));
        Assert.Equal(ServiceVersion.Current, body.GetProperty("version").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
        Assert.Equal("staging", body.GetProperty("environment").GetString());
    }

    private static async Task<WebApplication> StartAsync(string environmentName)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environmentName });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[Extensions.TelemetryEnabledKey] = "false";
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks()
            .AddCheck("redis", () => HealthCheckResult.Degraded("cache down"))
            .AddCheck("database", () => HealthCheckResult.Healthy());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(Token);
        return app;
    }

}
