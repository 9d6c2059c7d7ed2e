using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>
/// Ctrl+C while the application still starts (packages being installed, a subscriber still at work) ends the run
/// quietly: no unhandled exception, nothing of it left running. Found by running Aspire's playground python AppHost,
/// which was stopped while Debian packages were being installed.
/// </summary>
public sealed class StopWhileStartingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stop_asked_for_during_the_start_ends_the_run_without_an_exception_and_starts_nothing()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sleep", ".", "300");
        builder.Eventing.Subscribe<BeforeStartEvent>(async (e, cancellationToken) =>
        {
            // What Ctrl+C does, while the start is busy with something that honours cancellation.
            e.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
        });
        await using var app = await builder.BuildAsync(Token);
        // Taken before the run, which disposes the application when it ends.
        var notifications = app.ResourceNotifications;

        await app.RunAsync(Token).WaitAsync(Timeout, Token);

        var worker = notifications.GetSnapshot("worker");
        Assert.Null(worker?.ProcessId);
    }
}
