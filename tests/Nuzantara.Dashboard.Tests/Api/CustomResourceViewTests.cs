using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Dashboard.Tests.Api;

/// <summary>A custom resource on the Resources page: its own type, state, state style and properties, as its code published them.</summary>
public sealed class CustomResourceViewTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Its_published_state_style_and_properties_are_listed_with_sensitive_values_masked()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddResource(new TestResource("clock"))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Talking Clock",
                State = KnownResourceStates.NotStarted,
                Properties = [new(CustomResourceKnownProperties.Source, "Talking Clock"), new("api-key", "s3cret") { IsSensitive = true }],
            })
            .OnInitializeResource((resource, e, _) => e.Notifications.PublishUpdateAsync(resource, s => s with
            {
                State = new ResourceStateSnapshot("Tick", KnownResourceStateStyles.Success),
                Properties = [.. s.Properties, new("Interval", 2)],
            }));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceAsync("clock", "Tick", Token).WaitAsync(Timeout, Token);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Services.GetRequiredService<HostingOptions>().DashboardPort}") };
        api.DefaultRequestHeaders.Add("x-otlp-api-key", app.Services.GetRequiredService<OtlpSettings>().ApiKey);

        var clock = (await api.GetFromJsonAsync<JsonElement>("/api/resources", Token)).EnumerateArray().Single(r => r.GetProperty("name").GetString() == "clock");

        Assert.Equal("Talking Clock", clock.GetProperty("type").GetString());
        Assert.Equal("Tick", clock.GetProperty("state").GetString());
        Assert.Equal("success", clock.GetProperty("stateStyle").GetString());
        Assert.Equal(JsonValueKind.Null, clock.GetProperty("stateReason").ValueKind);
        Assert.Equal(
            [("resource.source", "Talking Clock"), ("api-key", "••••••"), ("Interval", "2")],
            clock.GetProperty("properties").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("value").GetString())));
    }

    private sealed class TestResource(string name) : Resource(name);
}
