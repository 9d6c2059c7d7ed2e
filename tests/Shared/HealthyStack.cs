namespace Nuzantara.Tests;

/// <summary>
/// Starts an AppHost built through the testing harness and waits until its resources are healthy: the ones named, or
/// else all but cAdvisor, which runs only where containers do. Stops whatever a start got as far as starting.
/// </summary>
internal static class HealthyStack
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public static async Task<DistributedApplication> StartAsync(IDistributedApplicationTestingBuilder builder, CancellationToken cancellationToken, IEnumerable<string>? resources = null)
    {
        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            foreach (var resource in resources ?? app.ResourceNotifications.GetSnapshots().Where(s => s.Name != "cadvisor").Select(s => s.Name))
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>A start that failed must report its own error, not a teardown's: both may be null.</summary>
    public static async ValueTask StopAsync(DistributedApplication? app, IDistributedApplicationTestingBuilder? builder)
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (builder is not null)
        {
            await builder.DisposeAsync();
        }
    }
}
