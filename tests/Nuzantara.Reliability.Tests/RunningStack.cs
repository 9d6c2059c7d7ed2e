using System.Text.Json;

namespace Nuzantara.Reliability.Tests;

/// <summary>The AppHost's whole stack on free ports, started once for the tests of a class and torn down after them.</summary>
public sealed class RunningStack : IAsyncLifetime
{
    public static readonly string[] Services = ["orchestrator", "backend", "python-backend"];

    private IDistributedApplicationTestingBuilder? _builder;

    public DistributedApplication App { get; private set; } = null!;

    public IDistributedApplicationTestingBuilder Builder => _builder!;

    /// <summary>Every value the AppHost generated and keeps in its secrets store (passwords, the OTLP key).</summary>
    public IReadOnlyList<string> GeneratedSecrets { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var token = TestContext.Current.CancellationToken;
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(token);
        App = await HealthyStack.StartAsync(_builder, token);

        var secretsPath = _builder.Configuration["Nuzantara:SecretsPath"]!;
        using var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(secretsPath, token));
        GeneratedSecrets = secrets.RootElement.EnumerateObject().Select(p => p.Value.GetString()!).ToList();
    }

    public ValueTask DisposeAsync() => HealthyStack.StopAsync(App, _builder);
}
