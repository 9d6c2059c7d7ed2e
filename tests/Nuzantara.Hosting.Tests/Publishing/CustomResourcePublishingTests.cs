using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Publishing;

/// <summary>Publishing an AppHost with custom resources, as Aspire's custom-resources and HealthChecks playgrounds are published.</summary>
public sealed class CustomResourcePublishingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_custom_resource_is_left_out_of_the_manifest_which_stays_valid_and_a_wait_on_it_is_dropped()
    {
        await using var model = PublishedModel.For("manifest");
        var hand = model.Builder.AddResource(new HandResource("clock-hand"))
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "ClockHand", Properties = [] });
        model.Builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("web").WithHttpEndpoint().WaitFor(hand);

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Contains("\"web\"", manifest);
        Assert.DoesNotContain("clock-hand", manifest);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }

    [Fact]
    public async Task A_subscriber_that_takes_the_notification_service_is_built_in_publish_mode_too()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.Services.TryAddEventingSubscriber<StateSubscriber>();
        model.Builder.AddContainer("web", "nginx");

        await model.PublishAsync(Token);

        Assert.Contains("\"web\"", model.Read("aspire-manifest.json"));
    }

    private sealed class HandResource(string name) : Resource(name);

    private sealed class StateSubscriber(ResourceNotificationService notifications, ResourceLoggerService logs) : IDistributedApplicationEventingSubscriber
    {
        public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(notifications);
            ArgumentNullException.ThrowIfNull(logs);
            return Task.CompletedTask;
        }
    }
}
