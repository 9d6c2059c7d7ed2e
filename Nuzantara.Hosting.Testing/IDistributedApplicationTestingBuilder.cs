namespace Aspire.Hosting.Testing;

/// <summary>The AppHost's builder under test: change the model or configuration, then <see cref="BuildAsync"/>.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder, IAsyncDisposable, IDisposable
{
    /// <summary>This test's state directory (data, logs, generated secrets), deleted on dispose.</summary>
    string StateDirectory { get; }

    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
