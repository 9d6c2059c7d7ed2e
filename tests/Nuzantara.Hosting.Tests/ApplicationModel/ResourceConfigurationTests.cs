using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>
/// The one evaluation of a resource's environment and arguments that both runtimes and every publisher start from:
/// its order decides which value wins, and its execution context decides what a callback writes.
/// </summary>
public sealed class ResourceConfigurationTests
{
    [Fact]
    public async Task Port_variables_come_first_then_the_AppHosts_values_then_the_users_callbacks_in_order()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var app = builder.AddExecutable("app", "app", "/nonexistent")
            .WithHttpEndpoint(targetPort: 5000, env: "PORT")
            .WithEnvironment("PORT", "6000")
            .WithEnvironment("OTEL_SERVICE_NAME", "chosen-by-the-user")
            .WithEnvironment("MODE", "first")
            .WithEnvironment(context => context.EnvironmentVariables["MODE"] = "second")
            .WithArgs("--verbose")
            .WithArgs(context => context.Args.Add("--late"));

        var configuration = await ResourceConfiguration.EvaluateAsync(app.Resource, builder.ExecutionContext,
            environment => environment["OTEL_SERVICE_NAME"] = "set-by-the-apphost");

        Assert.Equal(["PORT", "OTEL_SERVICE_NAME", "MODE"], configuration.Environment.Keys);
        Assert.Equal("6000", configuration.Environment["PORT"]);
        Assert.Equal("chosen-by-the-user", configuration.Environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("second", configuration.Environment["MODE"]);
        Assert.Equal(["--verbose", "--late"], configuration.Arguments);
    }

    [Fact]
    public async Task Callbacks_see_whether_the_model_runs_or_is_published()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var app = builder.AddExecutable("app", "app", "/nonexistent")
            .WithEnvironment(context => context.EnvironmentVariables["WHERE"] = context.ExecutionContext.IsPublishMode ? "deployed" : "local")
            .WithArgs(context => context.Args.Add(context.ExecutionContext.IsRunMode ? "--watch" : "--once"));

        var run = await ResourceConfiguration.EvaluateAsync(app.Resource, new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        var publish = await ResourceConfiguration.EvaluateAsync(app.Resource, new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish));

        Assert.Equal(("local", "--watch"), (run.Environment["WHERE"], run.Arguments.Single()));
        Assert.Equal(("deployed", "--once"), (publish.Environment["WHERE"], publish.Arguments.Single()));
    }

    [Fact]
    public async Task Running_resolves_parameters_and_endpoints_to_this_runs_values()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var greeting = builder.AddParameter("greeting", "hello");
        var api = builder.AddExecutable("api", "api", "/nonexistent").WithHttpEndpoint(port: 5100, targetPort: 5100);
        var app = builder.AddExecutable("app", "app", "/nonexistent")
            .WithEnvironment("GREETING", greeting)
            .WithEnvironment("API", api.GetEndpoint("http"))
            .WithArgs("--greeting", greeting.Resource);
        TestModel.Resolve(builder);

        var (environment, arguments) = await (await ResourceConfiguration.EvaluateAsync(app.Resource, builder.ExecutionContext)).ResolveAsync(CancellationToken.None);

        Assert.Equal("hello", environment["GREETING"]);
        Assert.Equal("http://127.0.0.1:5100", environment["API"]);
        Assert.Equal(["--greeting", "hello"], arguments);
    }

    [Fact]
    public async Task A_resource_builder_given_as_a_value_stands_for_its_resource_when_running_and_publishing()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var greeting = builder.AddParameter("greeting", "hello");
        var app = builder.AddExecutable("app", "app", "/nonexistent").WithArgs("--greeting", greeting);
        TestModel.Resolve(builder);

        var (_, running) = await (await ResourceConfiguration.EvaluateAsync(app.Resource, builder.ExecutionContext)).ResolveAsync(CancellationToken.None);
        var published = await ResourceConfiguration.EvaluateAsync(app.Resource, new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish));

        Assert.Equal(["--greeting", "hello"], running);
        Assert.Same(greeting.Resource, published.Arguments[1]);
    }

    [Fact]
    public async Task A_containers_own_entrypoint_wins_over_its_integrations_and_the_integrations_arguments_follow_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var plain = builder.AddContainer("plain", "busybox");
        var integration = builder.AddContainer("integration", "redis")
            .WithAnnotation(new ContainerEntrypointAnnotation("/bin/sh", ["-c", "exec redis-server"]));
        var overridden = builder.AddContainer("overridden", "redis")
            .WithAnnotation(new ContainerEntrypointAnnotation("/bin/sh", ["-c", "exec redis-server"]))
            .WithEntrypoint("/usr/local/bin/start");

        Assert.Equal("(image's), []", Command(plain.Resource));
        Assert.Equal("/bin/sh, [-c exec redis-server]", Command(integration.Resource));
        Assert.Equal("/usr/local/bin/start, [-c exec redis-server]", Command(overridden.Resource));
    }

    private static string Command(IResource resource)
    {
        var (entrypoint, arguments) = ResourceConfiguration.ContainerCommand(resource);
        return $"{entrypoint ?? "(image's)"}, [{string.Join(' ', arguments)}]";
    }
}
