using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>
/// WithLifetime(ContainerLifetime.Persistent) under the process runtime, which cannot re-adopt a native process: the
/// resource stops with the AppHost, and the AppHost says so once. The container runtime's reuse is tested against a
/// real engine in tests/Nuzantara.AppHost.Tests (ContainerLifetimeTests).
/// </summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class PersistentLifetimeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithLifetime_records_the_lifetime_and_the_last_call_wins()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var cache = builder.AddContainer("cache", "docker.io/library/redis", "7.4");
        Assert.False(cache.Resource.TryGetLastAnnotation<ContainerLifetimeAnnotation>(out _));

        cache.WithLifetime(ContainerLifetime.Persistent);
        Assert.Equal(ContainerLifetime.Persistent, cache.Resource.OfAnnotation<ContainerLifetimeAnnotation>().Last().Lifetime);

        cache.WithLifetime(ContainerLifetime.Session);
        Assert.Equal(ContainerLifetime.Session, cache.Resource.OfAnnotation<ContainerLifetimeAnnotation>().Last().Lifetime);
    }

    [Fact]
    public async Task Under_the_process_runtime_a_persistent_resource_stops_with_the_AppHost_after_one_warning_naming_it()
    {
        var logs = new CapturedLogs();
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        builder.Services.AddLogging(logging => logging.AddProvider(logs));
        builder.AddRedis("cache").WithLifetime(ContainerLifetime.Persistent);
        builder.AddRedis("other");
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        var running = await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", Token).WaitAsync(Timeout, Token);
        var processId = running.Snapshot.ProcessId!.Value;
        await app.StopAsync(Token);

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("persistent lifetime", StringComparison.Ordinal));
        Assert.StartsWith("cache has a persistent lifetime, but runs as a native process", warning.Message);
        Assert.Contains("stops with the AppHost", warning.Message);
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(processId));
    }
}
