using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.State;
using Nuzantara.Hosting.Tests.Integrations;
using StackExchange.Redis;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>Real Redis and PostgreSQL, run natively by the process runtime on free ports.</summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class ProcessRuntimeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redis_and_Postgres_become_healthy_and_demand_their_generated_passwords()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        builder.AddPostgres("postgres").AddDatabase("appdb");
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Token).WaitAsync(Timeout, Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", Token).WaitAsync(Timeout, Token);

        var redisConnection = (await app.GetConnectionStringAsync("redis", Token))!;
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection))
        {
            Assert.True((await redis.GetDatabase().PingAsync()) < TimeSpan.FromSeconds(1));
        }

        var withoutPassword = redisConnection[..redisConnection.IndexOf(",password=", StringComparison.Ordinal)];
        await RedisRefusal.AssertRefusedWithoutPasswordAsync(withoutPassword);

        var databaseConnection = (await app.GetConnectionStringAsync("appdb", Token))!;
        await using (var postgres = NpgsqlDataSource.Create(databaseConnection))
        {
            Assert.Equal("appdb", await postgres.CreateCommand("SELECT current_database()").ExecuteScalarAsync(Token));
        }

        var wrongPassword = new NpgsqlConnectionStringBuilder(databaseConnection) { Password = "not-the-password" };
        await using (var intruder = NpgsqlDataSource.Create(wrongPassword.ConnectionString))
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => intruder.CreateCommand("SELECT 1").ExecuteScalarAsync(Token));
            Assert.Equal("28P01", error.SqlState);
        }
    }

    [Fact]
    public async Task WaitFor_holds_a_resource_back_until_its_dependency_is_healthy()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        builder.AddExecutable("worker", "sleep", ".", "300").WaitFor(redis);
        await using var app = await builder.BuildAsync(Token);
        var order = new List<string>();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var watcher = Task.Run(async () =>
        {
            await foreach (var change in app.ResourceNotifications.WatchAsync(watching.Token))
            {
                lock (order)
                {
                    order.Add($"{change.Resource.Name}:{change.Snapshot.State?.Text}:{(change.Snapshot.IsHealthy ? "healthy" : "-")}");
                }
            }
        }, Token);

        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceAsync("worker", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);
        await watching.CancelAsync();
        await watcher.ContinueWith(_ => { }, CancellationToken.None);

        lock (order)
        {
            var waiting = order.IndexOf("worker:Waiting:-");
            var redisHealthy = order.IndexOf("redis:Running:healthy");
            var workerStarting = order.IndexOf("worker:Starting:-");
            Assert.True(waiting >= 0 && redisHealthy > waiting && workerStarting > redisHealthy, string.Join(", ", order));
        }
    }

    [Fact]
    public async Task Redis_killed_with_SIGKILL_is_restarted_and_healthy_again()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var first = (await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Token).WaitAsync(Timeout, Token)).Snapshot;

        Process.GetProcessById(first.ProcessId!.Value).Kill();

        var restarted = await app.ResourceNotifications.WaitForResourceAsync("redis", e => e.Snapshot.RestartCount == 1 && e.Snapshot.IsHealthy, Token).WaitAsync(Timeout, Token);
        Assert.NotEqual(first.ProcessId, restarted.Snapshot.ProcessId);
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis", Token))!);
        await redis.GetDatabase().PingAsync();
    }

    [Fact]
    public async Task A_taken_port_fails_the_resource_with_a_message_naming_resource_and_port()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration.AddInMemoryCollection(FixedPorts.Settings());
        builder.AddRedis("redis", port: port);
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        var failed = await app.ResourceNotifications.WaitForResourceAsync("redis", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);

        Assert.Contains($"port {port} on 127.0.0.1, needed by 'redis' (endpoint 'tcp'), is already in use", failed.Snapshot.StateReason);
        Assert.Null(failed.Snapshot.ProcessId);
    }

    [Fact]
    public async Task Stopping_leaves_no_process_and_no_port_behind()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        builder.AddPostgres("postgres");
        var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var redis = (await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Token).WaitAsync(Timeout, Token)).Snapshot;
        var postgres = (await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", Token).WaitAsync(Timeout, Token)).Snapshot;
        var ports = builder.Resources.SelectMany(r => r.GetEndpoints()).Select(e => e.AllocatedEndpoint!.Port).ToList();

        var stopwatch = Stopwatch.StartNew();
        await app.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed}");
        Assert.False(Directory.Exists($"/proc/{redis.ProcessId}"), "redis still runs");
        Assert.False(Directory.Exists($"/proc/{postgres.ProcessId}"), "postgres still runs");
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc"), d => File.Exists(Path.Combine(d, "cmdline")) && IsInStateDirectory(d, builder.StateDirectory));
        Assert.All(ports, port => Assert.Null(PortAllocator.PortHolder("127.0.0.1", port)));
    }

    [Fact]
    public async Task Postgres_data_survives_a_restart_of_the_application()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres").AddDatabase("appdb");
        await using (var app = await builder.BuildAsync(Token))
        {
            await app.StartAsync(Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", Token).WaitAsync(Timeout, Token);
            await using var db = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("appdb", Token))!);
            await db.CreateCommand("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')").ExecuteNonQueryAsync(Token);
        }

        await using var again = DistributedApplicationTestingBuilder.Create();
        again.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nuzantara:StateDirectory"] = builder.StateDirectory,
            ["Nuzantara:SecretsPath"] = Path.Combine(builder.StateDirectory, "secrets.json"),
        });
        again.AddPostgres("postgres").AddDatabase("appdb");
        await using var restarted = await again.BuildAsync(Token);
        await restarted.StartAsync(Token);
        await restarted.ResourceNotifications.WaitForResourceHealthyAsync("appdb", Token).WaitAsync(Timeout, Token);
        await using var reopened = NpgsqlDataSource.Create((await restarted.GetConnectionStringAsync("appdb", Token))!);

        Assert.Equal("kept", await reopened.CreateCommand("SELECT body FROM notes").ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task The_next_AppHost_reaps_what_a_SIGKILLed_one_left_running()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var metadata = new Projects.Nuzantara_Fixtures_RedisAppHost();
        using var crashing = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                metadata.TargetPath, $"--Nuzantara:StateDirectory={builder.StateDirectory}", "--Nuzantara:RandomizePorts=true",
                $"--Nuzantara:SecretsPath={builder.StateDirectory}/secrets.json", "--Nuzantara:LiveConsole=false",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        crashing.OutputDataReceived += (_, _) => { };
        crashing.ErrorDataReceived += (_, _) => { };
        crashing.BeginOutputReadLine();
        crashing.BeginErrorReadLine();

        var orphan = await WaitForRecordedProcessAsync(Path.Combine(builder.StateDirectory, "processes.json"), "redis");
        crashing.Kill();
        await crashing.WaitForExitAsync(Token);
        Assert.True(orphan.IsAlive, "redis should outlive the SIGKILLed AppHost: it runs in its own session");

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Nuzantara:StateDirectory"] = builder.StateDirectory });
        builder.AddRedis("redis");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        Assert.False(orphan.IsAlive, "the orphaned redis should have been stopped at start");
        var healthy = await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Token).WaitAsync(Timeout, Token);
        Assert.NotEqual(orphan.ProcessId, healthy.Snapshot.ProcessId);
    }

    [Fact]
    public async Task A_secret_in_the_AppHosts_environment_reaches_only_the_resource_that_declares_it()
    {
        var secrets = new Dictionary<string, string>
        {
            ["SLACK_WEBHOOK_URL"] = $"https://hooks.slack.example/{Guid.NewGuid():N}",
            ["SMTP_PASSWORD"] = $"smtp-{Guid.NewGuid():N}",
            ["GRAFANA_API_KEY"] = $"glc_{Guid.NewGuid():N}",
        };
        var appDirectory = Directory.CreateTempSubdirectory("nuzantara-python-app-").FullName;
        await File.WriteAllTextAsync(Path.Combine(appDirectory, "idle.py"), "import time\ntime.sleep(300)\n", Token);
        // The testing AppHost runs in this process: its environment is the AppHost's.
        foreach (var (name, value) in secrets)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create();
            // A native recipe like PostgreSQL's (its own environment, another user when root). Redis and PostgreSQL
            // themselves write their process titles over the memory /proc/<pid>/environ shows, which then reads empty.
            builder.AddContainer("recipe", "docker.io/library/busybox").WithAnnotation(new NativeRecipeAnnotation("sleep")
            {
                RunAsUserWhenRoot = "daemon",
                Configure = context =>
                {
                    context.Args.Add("300");
                    context.EnvironmentVariables["RECIPE_SETTING"] = "declared";
                    return Task.CompletedTask;
                },
            });
            builder.AddPythonApp("python", appDirectory, "idle.py");
            // A .NET project: an AppHost of its own, which shows that it started by recording the Redis it runs.
            var innerState = Path.Combine(builder.StateDirectory, "inner");
            builder.AddProject<Projects.Nuzantara_Fixtures_RedisAppHost>("dotnet").WithArgs(
                $"--Nuzantara:StateDirectory={innerState}", "--Nuzantara:RandomizePorts=true", $"--Nuzantara:SecretsPath={innerState}/secrets.json", "--Nuzantara:LiveConsole=false");
            builder.AddExecutable("worker", "sleep", ".", "300");
            // A stand-in for Grafana Alloy, which declares the key it needs in the same way (AddGrafanaAlloy).
            var apiKey = builder.AddParameterFromConfiguration("grafana-api-key", "GRAFANA_API_KEY", secret: true);
            builder.AddExecutable("collector", "sleep", ".", "300").WithEnvironment("GRAFANA_API_KEY", apiKey);
            await using var app = await builder.BuildAsync(Token);
            await app.StartAsync(Token);

            var environments = new Dictionary<string, IReadOnlyDictionary<string, string>>();
            foreach (var name in new[] { "recipe", "python", "dotnet", "worker", "collector" })
            {
                var running = await app.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);
                environments[name] = await ProcessEnvironmentAsync(running.Snapshot.ProcessId!.Value);
            }

            await WaitForRecordedProcessAsync(Path.Combine(innerState, "processes.json"), "redis");
            Assert.All(environments, e => Assert.True(e.Value.ContainsKey("PATH"), $"{e.Key} has no PATH"));
            Assert.All(environments, e => Assert.All(secrets.Keys.Where(k => !(e.Key == "collector" && k == "GRAFANA_API_KEY")),
                secret => Assert.False(e.Value.ContainsKey(secret), $"{e.Key} has {secret} in its environment")));
            Assert.Equal(secrets["GRAFANA_API_KEY"], environments["collector"]["GRAFANA_API_KEY"]);
            Assert.Equal("declared", environments["recipe"]["RECIPE_SETTING"]);
        }
        finally
        {
            foreach (var name in secrets.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            Directory.Delete(appDirectory, recursive: true);
        }
    }

    /// <summary>
    /// The environment a process was started with, as <c>/proc/&lt;pid&gt;/environ</c> shows it to its owner. A process
    /// reported running may not have reached its exec yet, and until then the file reads empty: read until it does not.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, string>> ProcessEnvironmentAsync(int processId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string environ;
        while ((environ = await File.ReadAllTextAsync($"/proc/{processId}/environ", Token)).Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Token);
        }

        return environ
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(entry => entry.Contains('='))
            .Select(entry => entry.Split('=', 2))
            .GroupBy(pair => pair[0])
            .ToDictionary(group => group.Key, group => group.Last()[1]);
    }

    private static async Task<ProcessIdentity> WaitForRecordedProcessAsync(string stateFile, string resource)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(stateFile))
            {
                try
                {
                    var recorded = JsonSerializer.Deserialize<List<ProcessIdentity>>(await File.ReadAllTextAsync(stateFile, Token));
                    if (recorded?.FirstOrDefault(p => p.Resource == resource && p.IsAlive) is { } identity)
                    {
                        return identity;
                    }
                }
                catch (JsonException)
                {
                    // Read while being replaced; try again.
                }
            }

            await Task.Delay(100, Token);
        }

        throw new TimeoutException($"The AppHost did not record a running '{resource}' in {stateFile} within {Timeout}.");
    }

    private static bool IsInStateDirectory(string procDirectory, string stateDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Contains(stateDirectory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
