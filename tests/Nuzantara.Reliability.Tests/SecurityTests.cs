using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace Nuzantara.Reliability.Tests;

/// <summary>What an attacker on the same machine or network would try against a running stack.</summary>
public sealed partial class SecurityTests(RunningStack stack) : IClassFixture<RunningStack>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_listening_socket_of_the_stack_is_bound_to_loopback()
    {
        var stackProcesses = ProcessTree(stack.App.ResourceNotifications.GetSnapshots()
            .Where(s => s.ProcessId is not null).Select(s => s.ProcessId!.Value).Append(Environment.ProcessId));

        // The socket table, not the configuration: what the kernel says each process listens on.
        var sockets = (await RunAsync("ss", "-ltnpH"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (Line: line, Pids: PidPattern().Matches(line).Select(m => int.Parse(m.Groups[1].Value)).ToList()))
            .Where(s => s.Pids.Any(stackProcesses.Contains))
            .Select(s => (s.Line, Local: s.Line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]))
            .ToList();

        var endpoints = stack.Builder.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>())
            .Count(e => e.AllocatedEndpoint is not null);
        Assert.True(sockets.Count >= endpoints, $"found {sockets.Count} listening sockets of the stack for {endpoints} endpoints:\n{string.Join('\n', sockets.Select(s => s.Line))}");
        Assert.All(sockets, s => Assert.True(
            s.Local.StartsWith("127.0.0.1:", StringComparison.Ordinal) || s.Local.StartsWith("[::1]:", StringComparison.Ordinal),
            $"listens beyond loopback: {s.Line}"));
    }

    [Fact]
    public async Task Redis_and_PostgreSQL_refuse_clients_without_the_generated_password()
    {
        var redis = new Uri($"tcp://{stack.App.GetEndpoint("redis", "tcp").Authority}");
        foreach (var password in new string?[] { null, "wrong-password" })
        {
            var options = new ConfigurationOptions { EndPoints = { { redis.Host, redis.Port } }, Password = password, AbortOnConnectFail = true, ConnectTimeout = 5000 };
            var refused = await Assert.ThrowsAnyAsync<RedisException>(async () =>
            {
                using var connection = await ConnectionMultiplexer.ConnectAsync(options);
                await connection.GetDatabase().StringSetAsync("intruder", "1");
            });
            Assert.Matches("NOAUTH|WRONGPASS|authentication", refused.ToString());
        }

        var connectionString = new NpgsqlConnectionStringBuilder(await stack.App.GetConnectionStringAsync("nuzantara", Token)) { Password = "wrong-password" };
        await using var postgres = new NpgsqlConnection(connectionString.ConnectionString);
        var rejected = await Assert.ThrowsAsync<PostgresException>(() => postgres.OpenAsync(Token));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, rejected.SqlState);
    }

    [Fact]
    public async Task No_generated_secret_appears_in_output_health_metrics_monitoring_apis_the_dashboard_published_files_command_lines_or_readable_files()
    {
        Assert.NotEmpty(stack.GeneratedSecrets);
        var exposed = new List<(string Where, string Text)>();

        foreach (var service in RunningStack.Services)
        {
            using var client = stack.App.CreateHttpClient(service);
            await client.GetAsync("/api/example", Token);
            foreach (var path in new[] { "/health", "/health/ready", "/health/live", "/metrics" })
            {
                exposed.Add(($"{service} {path}", await client.GetStringAsync(path, Token)));
            }
        }

        foreach (var exporter in new[] { "redis-exporter", "postgres-exporter", "node-exporter" })
        {
            using var client = stack.App.CreateHttpClient(exporter);
            exposed.Add(($"{exporter} /metrics", await client.GetStringAsync("/metrics", Token)));
        }

        using (var prometheus = stack.App.CreateHttpClient("prometheus"))
        {
            exposed.Add(("prometheus config", await prometheus.GetStringAsync("/api/v1/status/config", Token)));
            exposed.Add(("prometheus targets", await prometheus.GetStringAsync("/api/v1/targets", Token)));
        }

        using (var alertmanager = stack.App.CreateHttpClient("alertmanager"))
        {
            exposed.Add(("alertmanager status and config", await alertmanager.GetStringAsync("/api/v2/status", Token)));
        }

        var options = stack.App.Services.GetRequiredService<HostingOptions>();
        using (var appHost = new HttpClient { BaseAddress = new Uri($"http://{options.BindAddress}:{options.DashboardPort}") })
        {
            exposed.Add(("apphost /metrics", await appHost.GetStringAsync("/metrics", Token)));
        }

        // The dashboard shows every resource's environment, with secrets masked, and its console output.
        using (var dashboard = new DashboardClients(stack.App).WithApiKey())
        {
            var resources = await dashboard.GetStringAsync("/api/resources", Token);
            // The secrets are there, masked: the view is not merely empty.
            using var view = System.Text.Json.JsonDocument.Parse(resources);
            Assert.Contains(view.RootElement.EnumerateArray().SelectMany(r => r.GetProperty("environment").EnumerateArray()),
                variable => variable.GetProperty("value").GetString()!.Contains("••••••", StringComparison.Ordinal));
            exposed.Add(("dashboard GET /api/resources", resources));
            foreach (var snapshot in stack.App.ResourceNotifications.GetSnapshots())
            {
                exposed.Add(($"dashboard GET /api/resources/{snapshot.Name}/console", await dashboard.GetStringAsync($"/api/resources/{snapshot.Name}/console", Token)));
            }
        }

        var published = Directory.CreateTempSubdirectory("nuzantara-published-");
        try
        {
            var secretsPath = stack.Builder.Configuration["Nuzantara:SecretsPath"]!;
            foreach (var (path, content) in await PublishedOutputs.PublishAllAsync(published.FullName, secretsPath))
            {
                exposed.Add(($"published {Path.GetRelativePath(published.FullName, path)}", content));
            }
        }
        finally
        {
            published.Delete(recursive: true);
        }

        foreach (var snapshot in stack.App.ResourceNotifications.GetSnapshots())
        {
            exposed.Add(($"{snapshot.Name} console output", string.Join('\n', stack.App.ResourceLogs.GetLines(snapshot.Name).Select(l => l.Text))));
            if (snapshot.ProcessId is { } pid && File.Exists($"/proc/{pid}/cmdline"))
            {
                // Any user on the machine can read a process's command line (ps): secrets go through files or the environment.
                exposed.Add(($"{snapshot.Name} command line", (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", Token)).Replace('\0', ' ')));
            }
        }

        foreach (var file in Directory.EnumerateFiles(stack.Builder.StateDirectory, "*", SearchOption.AllDirectories))
        {
            // A file that must hold a secret (redis.conf, alertmanager.yml, the secrets store) is readable by its owner alone.
            if (IsPrivate(file) || IsUnreadableByDesign(file) || new FileInfo(file).Length > 4 * 1024 * 1024)
            {
                continue;
            }

            exposed.Add(($"world- or group-readable file {file}", await ReadSharedAsync(file)));
        }

        // The dashboard's login token is generated too, and is printed by the AppHost alone.
        var secrets = stack.GeneratedSecrets.Append(stack.App.Services.GetRequiredService<Nuzantara.Hosting.Dashboard.Security.DashboardBrowserToken>().Value).ToList();
        var leaks = exposed.SelectMany(e => secrets.Where(secret => e.Text.Contains(secret, StringComparison.Ordinal)).Select(_ => e.Where)).Distinct().ToList();
        Assert.True(leaks.Count == 0, $"a generated secret appears in: {string.Join(", ", leaks)}");
    }

    /// <summary>The AppHost's lock (held open exclusively, empty) and PostgreSQL's Unix socket (not a file to read).</summary>
    private static bool IsUnreadableByDesign(string file) =>
        Path.GetFileName(file) is var name && (name == "apphost.lock" || (name.StartsWith(".s.PGSQL.", StringComparison.Ordinal) && !name.EndsWith(".lock", StringComparison.Ordinal)));

    private static bool IsPrivate(string file) =>
        (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) == 0;

    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Token);
    }

    /// <summary>The given processes and everything they started, from the parent ids in /proc.</summary>
    private static HashSet<int> ProcessTree(IEnumerable<int> roots)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)))
        {
            try
            {
                // Fields after the command name, which may itself contain spaces and parentheses.
                var text = File.ReadAllText($"/proc/{stat}/stat");
                var parent = int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1]);
                children.TryAdd(parent, []);
                children[parent].Add(int.Parse(stat!));
            }
            catch (IOException)
            {
                // The process ended while we read the table.
            }
        }

        var tree = new HashSet<int>();
        var pending = new Stack<int>(roots);
        while (pending.TryPop(out var pid))
        {
            if (tree.Add(pid) && children.TryGetValue(pid, out var kids))
            {
                kids.ForEach(pending.Push);
            }
        }

        return tree;
    }

    private static async Task<string> RunAsync(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return output;
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex PidPattern();
}
