using System.Text.Json;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Hosting.Tests.Eventing;

/// <summary>
/// Aspire's service-registered extension points: an <see cref="IDistributedApplicationEventingSubscriber"/> subscribes
/// before BeforeStartEvent and a lifecycle hook is called before the start, once ports are allocated and once the
/// resources are created, in run mode; in publish mode both run before the model is written, so what they add is published.
/// </summary>
#pragma warning disable CS0618 // Lifecycle hooks are obsolete in Aspire too, and real AppHosts (eShop) still use them.
public sealed class LifecycleHookTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_subscriber_and_a_hook_are_called_in_Aspires_order_when_the_application_starts()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var calls = new Calls();
        builder.Services.AddSingleton(calls);
        builder.Services.TryAddEventingSubscriber<RecordingSubscriber>();
        builder.Services.TryAddEventingSubscriber<RecordingSubscriber>();
        builder.Services.AddLifecycleHook<RecordingHook>();
        builder.AddExecutable("worker", "sleep", ".", "300").WithHttpEndpoint(env: "PORT");
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token).WaitAsync(Timeout, Token);

        Assert.Equal(
            ["subscribe:Run", "event:before-start", "hook:before-start", "hook:endpoints-allocated:True", "event:after-resources-created", "hook:after-resources-created"],
            calls.Seen);
    }

    [Fact]
    public async Task In_publish_mode_what_a_hook_adds_before_the_start_is_published()
    {
        var output = Directory.CreateTempSubdirectory("nuzantara-hooks-").FullName;
        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create("--publisher", "manifest", "--output-path", output);
            var calls = new Calls();
            builder.Services.AddSingleton(calls);
            builder.Services.AddEventingSubscriber<RecordingSubscriber>();
            builder.Services.AddLifecycleHook(services => new RecordingHook(services.GetRequiredService<Calls>()) { AddsEnvironment = true });
            builder.AddContainer("cache", "docker.io/library/redis", "7.4");
            await using var app = await builder.BuildAsync(Token);

            await app.StartAsync(Token);

            Assert.Equal(["subscribe:Publish", "event:before-start", "hook:before-start", "hook:endpoints-allocated:False"], calls.Seen);
            var cache = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "aspire-manifest.json"), Token))
                .RootElement.GetProperty("resources").GetProperty("cache");
            Assert.Equal("from-a-hook", cache.GetProperty("env").GetProperty("ADDED_BY").GetString());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private sealed class Calls
    {
        private readonly List<string> _seen = [];

        public IReadOnlyList<string> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public Task Add(string call)
        {
            lock (_seen)
            {
                _seen.Add(call);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class RecordingSubscriber(Calls calls) : IDistributedApplicationEventingSubscriber
    {
        public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
        {
            eventing.Subscribe<BeforeStartEvent>((_, _) => calls.Add("event:before-start"));
            eventing.Subscribe<AfterResourcesCreatedEvent>((_, _) => calls.Add("event:after-resources-created"));
            return calls.Add($"subscribe:{executionContext.Operation}");
        }
    }

    private sealed class RecordingHook(Calls calls) : IDistributedApplicationLifecycleHook
    {
        public bool AddsEnvironment { get; init; }

        public Task BeforeStartAsync(DistributedApplicationModel appModel, CancellationToken cancellationToken = default)
        {
            if (AddsEnvironment)
            {
                appModel.Resources.Single(r => r.Name == "cache").Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    context.EnvironmentVariables["ADDED_BY"] = "from-a-hook";
                    return Task.CompletedTask;
                }));
            }

            return calls.Add("hook:before-start");
        }

        /// <summary>Records whether the worker's port is allocated by then (there is no worker when publishing).</summary>
        public Task AfterEndpointsAllocatedAsync(DistributedApplicationModel appModel, CancellationToken cancellationToken = default) =>
            calls.Add($"hook:endpoints-allocated:{appModel.Resources.Any(r => r.Name == "worker" && r.OfAnnotation<EndpointAnnotation>().All(e => e.AllocatedEndpoint is not null))}");

        public Task AfterResourcesCreatedAsync(DistributedApplicationModel appModel, CancellationToken cancellationToken = default) =>
            calls.Add("hook:after-resources-created");
    }
}
#pragma warning restore CS0618
