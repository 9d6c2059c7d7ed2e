namespace Nuzantara.AppHost.Tests;

/// <summary>
/// The whole stack in the process runtime; <see cref="ContainerRuntimeTests"/> runs the same checks in containers. In
/// their collection so that this project runs one stack at a time: on two cores, beside the other test projects' stacks,
/// a second one starved health checks into transient 503s.
/// </summary>
[Collection(LiveEngine.LiveEngineCollection.Name)]
public sealed class WholeStackTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_resource_becomes_healthy_every_endpoint_answers_and_nothing_is_left_behind()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Nuzantara_AppHost>(["--runtime", "process"], Token);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await WholeStack.WaitUntilHealthyAsync(app);

        var cadvisor = app.ResourceNotifications.GetSnapshot("cadvisor")!;
        Assert.Equal(KnownResourceStates.NotStarted, cadvisor.State);
        Assert.Contains("only as a container", cadvisor.StateReason);

        await WholeStack.AssertEveryEndpointAnswersAsync(app);
        var targets = await WholeStack.ScrapedTargetsAsync(app, health => health.Values.All(h => h == "up"));
        Assert.Equal(
            ["alertmanager", "apphost", "backend", "node-exporter", "orchestrator", "postgres-exporter", "prometheus", "python-backend", "redis-exporter"],
            targets.Keys.Order());
        Assert.All(targets, target => Assert.Equal("up", target.Value));

        await WholeStack.StopAndAssertNothingLeftAsync(app, builder);
    }
}
