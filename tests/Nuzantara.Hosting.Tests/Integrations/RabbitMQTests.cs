using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Tests.ApplicationModel;
using Nuzantara.Hosting.Tests.Orchestration;
using RabbitMQ.Client;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>AddRabbitMQ as Aspire's: a real Debian rabbitmq-server under the AppHost, and Aspire's manifest entry.</summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class RabbitMQTests(ITestOutputHelper output)
{
    // Erlang boots slowly on a shared machine (about 30 s for a new data folder on 2 busy cores).
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_broker_runs_natively_and_its_connection_string_publishes_and_gets_a_message()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRabbitMQ("messaging").WithManagementPlugin();
        builder.AddRabbitMQ("events", userName: builder.AddParameter("events-user", "orders"));
        await using var app = await builder.BuildAsync(Token);
        var started = Stopwatch.StartNew();
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging", Token).WaitAsync(Timeout, Token);
        output.WriteLine($"messaging healthy {started.Elapsed.TotalSeconds:F1} s after StartAsync");
        await app.ResourceNotifications.WaitForResourceHealthyAsync("events", Token).WaitAsync(Timeout, Token);
        output.WriteLine($"both healthy {started.Elapsed.TotalSeconds:F1} s after StartAsync");

        var connectionString = (await app.GetConnectionStringAsync("messaging", Token))!;
        Assert.StartsWith("amqp://guest:", connectionString);
        Assert.Equal("hello", await RoundTripAsync(connectionString, "orders"));
        var events = (await app.GetConnectionStringAsync("events", Token))!;
        Assert.StartsWith("amqp://orders:", events);
        Assert.Equal("hello", await RoundTripAsync(events, "audit"));

        // The management API answers on its own endpoint with the same user.
        var password = new Uri(connectionString).UserInfo.Split(':')[1];
        using var http = new HttpClient { BaseAddress = app.GetEndpoint("messaging", "management") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"guest:{password}")));
        var overview = JsonNode.Parse(await http.GetStringAsync("/api/overview", Token))!;
        Assert.StartsWith("messaging@", (string?)overview["node"]);

        // AMQP (the health check) accepts before the broker logs the end of its boot, so the line may still be on its way.
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        await Eventually.ReadAsync(
            () => Task.FromResult(logs.GetLines("messaging")),
            lines => lines.Any(l => l.Text.Contains("Server startup complete", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            lines => $"no 'Server startup complete' in {lines.Count} lines of the broker's log");
        Assert.DoesNotContain(logs.GetLines("messaging").Concat(logs.GetLines("events")), l => l.Text.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_data_bind_mount_keeps_durable_messages_and_the_user_across_runs()
    {
        var data = Directory.CreateTempSubdirectory("nuzantara-rabbitmq-data-").FullName;
        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.AddRabbitMQ("messaging").WithDataBindMount(data);
            await using (var app = await builder.BuildAsync(Token))
            {
                await app.StartAsync(Token);
                await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging", Token).WaitAsync(Timeout, Token);
                var factory = new ConnectionFactory { Uri = new Uri((await app.GetConnectionStringAsync("messaging", Token))!) };
                await using var connection = await factory.CreateConnectionAsync(Token);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: Token);
                await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false, cancellationToken: Token);
                await channel.BasicPublishAsync(string.Empty, "kept", mandatory: false, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("still here"), Token);
            }

            Assert.True(Directory.Exists(Path.Combine(data, "mnesia", "messaging@localhost")));

            // The same generated password (the state directory's secrets), the same node name, the same data.
            await using var again = DistributedApplicationTestingBuilder.Create();
            again.Configuration["Nuzantara:StateDirectory"] = builder.StateDirectory;
            again.Configuration["Nuzantara:SecretsPath"] = Path.Combine(builder.StateDirectory, "secrets.json");
            again.AddRabbitMQ("messaging").WithDataBindMount(data);
            await using var restarted = await again.BuildAsync(Token);
            await restarted.StartAsync(Token);
            await restarted.ResourceNotifications.WaitForResourceHealthyAsync("messaging", Token).WaitAsync(Timeout, Token);
            var reopened = new ConnectionFactory { Uri = new Uri((await restarted.GetConnectionStringAsync("messaging", Token))!) };
            await using var reconnection = await reopened.CreateConnectionAsync(Token);
            await using var rechannel = await reconnection.CreateChannelAsync(cancellationToken: Token);
            var message = await rechannel.BasicGetAsync("kept", autoAck: true, Token);
            Assert.Equal("still here", Encoding.UTF8.GetString(message!.Body.Span));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task In_a_container_it_runs_Aspire_s_image_on_its_allocated_ports_with_a_node_name_of_its_own()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var rabbit = builder.AddRabbitMQ("rabbit").WithManagementPlugin();
        var options = TestModel.Resolve(builder);

        var parameters = ContainerSpecBuilder.Build(rabbit.Resource, await TestModel.LaunchSpecAsync(builder, options, rabbit.Resource), options, "0a1b2c3d");

        Assert.Equal("docker.io/library/rabbitmq:4.2-management", parameters.Image);
        Assert.Contains("RABBITMQ_DEFAULT_USER=guest", parameters.Env);
        Assert.Contains($"RABBITMQ_DEFAULT_PASS={rabbit.Resource.PasswordParameter.Value}", parameters.Env);
        Assert.Contains("RABBITMQ_NODENAME=rabbit@localhost", parameters.Env);
        Assert.Equal("rabbitmq-server", parameters.Cmd[0]);
        Assert.Equal(["-rabbit", "tcp_listeners", $"[{{\"127.0.0.1\",{rabbit.Resource.PrimaryEndpoint.Port}}}]"], parameters.Cmd.Skip(1).Take(3));
        Assert.Equal(["-rabbitmq_management", "tcp_config", $"[{{ip,\"127.0.0.1\"}},{{port,{rabbit.Resource.ManagementEndpoint.Port}}}]"], parameters.Cmd.Skip(4).Take(3));
        Assert.Contains("inet_dist_listen_min", parameters.Cmd);
    }

    [Fact]
    public async Task The_manifest_entry_is_Aspire_s()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddRabbitMQ("rabbit").WithManagementPlugin();

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        var rabbit = JsonNode.Parse(manifest)!["resources"]!["rabbit"]!.AsObject();
        // As Aspire: the password as an annotated.string resource with a uri filter.
        Assert.Equal("amqp://guest:{rabbit-password-uri-encoded.value}@{rabbit.bindings.tcp.host}:{rabbit.bindings.tcp.port}", (string?)rabbit["connectionString"]);
        Assert.Equal(
            JsonNode.Parse("""{ "type": "annotated.string", "value": "{rabbit-password.value}", "filter": "uri" }"""),
            JsonNode.Parse(manifest)!["resources"]!["rabbit-password-uri-encoded"],
            JsonNode.DeepEquals);
        rabbit.Remove("connectionString");
        Assert.Equal(
            JsonNode.Parse("""
                {
                  "type": "container.v0",
                  "image": "docker.io/library/rabbitmq:4.2-management",
                  "env": {
                    "RABBITMQ_DEFAULT_USER": "guest",
                    "RABBITMQ_DEFAULT_PASS": "{rabbit-password.value}"
                  },
                  "bindings": {
                    "tcp": { "scheme": "tcp", "protocol": "tcp", "transport": "tcp", "targetPort": 5672 },
                    "management": { "scheme": "http", "protocol": "tcp", "transport": "http", "targetPort": 15672 }
                  }
                }
                """)!.ToJsonString(),
            rabbit.ToJsonString());
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }

    [Theory]
    [InlineData("4.2", "4.2-management")]
    [InlineData("4.2-alpine", "4.2-management-alpine")]
    [InlineData("alpine", "management-alpine")]
    [InlineData("4.1-management", "4.1-management")]
    public void WithManagementPlugin_uses_the_image_s_management_variant(string tag, string expected)
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        var rabbit = builder.AddRabbitMQ("rabbit").WithImageTag(tag).WithManagementPlugin();

        Assert.Equal(expected, rabbit.Resource.OfAnnotation<ContainerImageAnnotation>().Single().Tag);
    }

    [Fact]
    public void WithManagementPlugin_on_another_image_says_so()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        var rabbit = builder.AddRabbitMQ("rabbit").WithImage("example.com/my/rabbitmq", "latest");

        var error = Assert.Throws<DistributedApplicationException>(() => rabbit.WithManagementPlugin());
        Assert.Contains("'rabbit'", error.Message);
    }

    private static async Task<string> RoundTripAsync(string connectionString, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync(Token);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Token);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false, cancellationToken: Token);
        await channel.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes("hello"), Token);
        var message = await Eventually.ReadAsync(
            () => channel.BasicGetAsync(queue, autoAck: true, Token),
            m => m is not null,
            TimeSpan.FromSeconds(10),
            _ => $"no message in {queue}");
        return Encoding.UTF8.GetString(message!.Body.Span);
    }
}
