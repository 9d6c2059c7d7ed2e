using System.Net.Http.Json;
using System.Text.Json;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Services.Tests;

/// <summary>The AppHost's whole stack on free ports, started once for the tests of a class and torn down after them.</summary>
public sealed class ServicesStack : IAsyncLifetime
{
    private IDistributedApplicationTestingBuilder? _builder;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>What the services exported over OTLP to the AppHost.</summary>
    internal TelemetryStore Telemetry => (TelemetryStore)App.Services.GetService(typeof(TelemetryStore))!;

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(token);
        App = await HealthyStack.StartAsync(_builder, token, ["redis", "postgres", "backend", "python-backend", "orchestrator"]);
    }

    public HttpClient Client(string resource) => App.CreateHttpClient(resource);

    public int ProcessId(string resource) => App.ResourceNotifications.GetSnapshot(resource)!.ProcessId!.Value;

    /// <summary>Creates a document through the gateway and returns it as the backend answered.</summary>
    public async Task<JsonElement> CreateDocumentAsync(string title, string body, params string[] tags)
    {
        using var gateway = Client("orchestrator");
        using var response = await gateway.PostAsJsonAsync("/api/documents", new { title, body, tags }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => HealthyStack.StopAsync(App, _builder);
}
