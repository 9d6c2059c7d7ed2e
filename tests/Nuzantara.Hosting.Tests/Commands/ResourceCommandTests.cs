using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Hosting.Tests.Commands;

/// <summary>WithCommand and the well-known Start/Stop/Restart, run through app.ResourceCommands as Aspire's tests do.</summary>
public sealed class ResourceCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_custom_command_runs_in_the_AppHost_and_its_result_reaches_the_caller()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var ran = new List<string>();
        builder.AddExecutable("worker", "sleep", ".", "300")
            .WithCommand("clear-cache", "Clear cache", context =>
            {
                ran.Add(context.ResourceName);
                return Task.FromResult(CommandResults.Success());
            })
            .WithCommand("rotate-keys", "Rotate keys", _ => Task.FromResult(CommandResults.Failure("the key vault is read-only")))
            .WithCommand("explode", "Explode", _ => throw new InvalidOperationException("kaboom"));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        var cleared = await app.ResourceCommands.ExecuteCommandAsync("worker", "clear-cache", Token);
        var rotated = await app.ResourceCommands.ExecuteCommandAsync("worker", "rotate-keys", Token);
        var exploded = await app.ResourceCommands.ExecuteCommandAsync("worker", "explode", Token);
        var unknownCommand = await app.ResourceCommands.ExecuteCommandAsync("worker", "no-such-command", Token);
        var unknownResource = await app.ResourceCommands.ExecuteCommandAsync("nobody", "clear-cache", Token);

        Assert.True(cleared.Success);
        Assert.Equal(["worker"], ran);
        Assert.False(rotated.Success);
        Assert.Equal("the key vault is read-only", rotated.ErrorMessage);
        Assert.False(exploded.Success);
        Assert.Contains("kaboom", exploded.ErrorMessage);
        Assert.False(unknownCommand.Success);
        Assert.Contains("no-such-command", unknownCommand.ErrorMessage);
        Assert.False(unknownResource.Success);
        Assert.Contains("nobody", unknownResource.ErrorMessage);
        Assert.Same(app.ResourceCommands, app.Services.GetRequiredService<ResourceCommandService>());
    }

    [Fact]
    public async Task UpdateState_sets_the_commands_state_in_each_snapshot()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("migrations", "sleep", ".", "300")
            .WithExplicitStart()
            .WithCommand("seed", "Seed data", _ => Task.FromResult(CommandResults.Success()), new CommandOptions
            {
                UpdateState = c => c.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
                ConfirmationMessage = "Seed the database?",
                Description = "Loads the demo rows",
                IsHighlighted = true,
            });
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        var notStarted = await app.ResourceNotifications.WaitForResourceAsync("migrations", KnownResourceStates.NotStarted, Token).WaitAsync(Timeout, Token);
        var seed = notStarted.Snapshot.Commands.Single(c => c.Name == "seed");
        Assert.Equal(ResourceCommandState.Disabled, seed.State);
        Assert.Equal(("Seed data", "Loads the demo rows", "Seed the database?", true), (seed.DisplayName, seed.DisplayDescription, seed.ConfirmationMessage, seed.IsHighlighted));
        Assert.Equal(ResourceCommandState.Enabled, notStarted.Snapshot.Commands.Single(c => c.Name == KnownResourceCommands.StartCommand).State);

        Assert.True((await app.ResourceCommands.ExecuteCommandAsync("migrations", KnownResourceCommands.StartCommand, Token)).Success);
        var running = await app.ResourceNotifications.WaitForResourceAsync("migrations", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);
        Assert.Equal(ResourceCommandState.Enabled, running.Snapshot.Commands.Single(c => c.Name == "seed").State);
    }

    [Fact]
    public async Task Stop_and_Start_really_stop_and_start_the_process_and_their_states_follow()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var worker = builder.AddExecutable("worker", "sleep", ".", "300");
        var password = builder.AddParameter("password", "not-a-secret");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var first = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot;
        Assert.Equal(
            [(KnownResourceCommands.StartCommand, ResourceCommandState.Hidden), (KnownResourceCommands.StopCommand, ResourceCommandState.Enabled), (KnownResourceCommands.RestartCommand, ResourceCommandState.Enabled)],
            first.Commands.Select(c => (c.Name, c.State)));

        var stop = await app.ResourceCommands.ExecuteCommandAsync(worker.Resource, KnownResourceCommands.StopCommand, Token);

        // Stop answers once the process is gone.
        Assert.True(stop.Success, stop.ErrorMessage);
        Assert.False(Directory.Exists($"/proc/{first.ProcessId}"));
        var stopped = app.ResourceNotifications.GetSnapshot("worker")!;
        Assert.Equal(KnownResourceStates.Exited, stopped.State?.Text);
        Assert.Equal(
            [(KnownResourceCommands.StartCommand, ResourceCommandState.Enabled), (KnownResourceCommands.StopCommand, ResourceCommandState.Hidden), (KnownResourceCommands.RestartCommand, ResourceCommandState.Disabled)],
            stopped.Commands.Select(c => (c.Name, c.State)));

        var start = await app.ResourceCommands.ExecuteCommandAsync(worker.Resource, KnownResourceCommands.StartCommand, Token);
        Assert.True(start.Success, start.ErrorMessage);
        var second = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId;
        Assert.NotEqual(first.ProcessId, second);
        Assert.True(Directory.Exists($"/proc/{second}"));

        // Aspire's earlier name still restarts it.
        Assert.True((await app.ResourceCommands.ExecuteCommandAsync("worker", "resource-restart", Token)).Success);
        var third = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId;
        Assert.NotEqual(second, third);
        Assert.False(Directory.Exists($"/proc/{second}"));

        // A parameter is not run, so it has no Start or Stop.
        Assert.Empty(password.Resource.Annotations.OfType<ResourceCommandAnnotation>());
    }
}
