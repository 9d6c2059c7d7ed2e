using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// Runs a built AppHost as a user does in a terminal (<c>dotnet run</c> in its own process group), watches its resources
/// through the dashboard's <c>/api/resources</c> until each has settled or the time is up, then stops it with SIGINT, as
/// Ctrl+C does, and checks that none of its ports is still held.
/// </summary>
public static class AppHostRun
{
    /// <summary>A resource as it was when the run was stopped.</summary>
    public sealed record Resource(string Name, string Type, string State, string? Health, string? StateReason, int? ExitCode)
    {
        /// <summary>Running and healthy, completed with exit code 0, or in a state of its own (a custom resource's).</summary>
        public bool IsUp => State switch
        {
            "Running" => Health == "Healthy",
            "Finished" or "Exited" => ExitCode == 0,
            "NotStarted" or "Waiting" or "Starting" or "Stopping" or "FailedToStart" or "RuntimeUnhealthy" => false,
            _ => true,
        };

        public string Describe() =>
            $"{Name} ({Type}): {State}" + (Health is null || State != "Running" ? "" : $", {Health}")
            + (ExitCode is { } code ? $", exit code {code}" : "") + (string.IsNullOrEmpty(StateReason) ? "" : $" ({StateReason})");
    }

    /// <summary>
    /// What the run showed. <paramref name="SettledAfter"/> is null when some resource was still changing at the
    /// deadline; <paramref name="HeldPorts"/> lists the ports something still listens on after the AppHost exited.
    /// </summary>
    public sealed record Outcome(
        string? Problem,
        IReadOnlyList<Resource> Resources,
        TimeSpan? SettledAfter,
        TimeSpan? StoppedAfter,
        IReadOnlyList<int> HeldPorts,
        string OutputTail)
    {
        public int Up => Resources.Count(r => r.IsUp);

        public bool AllUp => Problem is null && Resources.Count > 0 && Up == Resources.Count && StoppedAfter is not null && HeldPorts.Count == 0;
    }

    private sealed record ResourceJson(string Name, string Type, string State, string? Health, string? StateReason, int? ExitCode, List<UrlJson>? Urls, List<CommandJson>? Commands);

    private sealed record UrlJson(string Url);

    private sealed record CommandJson(string Name, string State);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs <paramref name="project"/>; its state directory and the log of everything it printed go in <paramref name="workFolder"/>.</summary>
    public static async Task<Outcome> RunAsync(CorpusProject project, string workFolder, TimeSpan settleTimeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workFolder);
        var stateDirectory = Path.Combine(workFolder, "state");
        var dashboardPort = PortAllocator.FreePort();
        var apiKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = Path.GetDirectoryName(project.BuildPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // setsid makes the AppHost the leader of its own process group, so SIGINT reaches it and dotnet run as a
        // terminal's Ctrl+C does. A checker started in the background by a shell inherits SIGINT ignored, and so would
        // the AppHost: env restores its default. The launch profile is left out, as for publishing: the dashboard gets
        // free ports instead of the profile's fixed ones, and the environment the profile would set is set here.
        foreach (var argument in (string[])["--default-signal=INT", "setsid", "dotnet", "run", "--no-build", "--no-launch-profile", "--project", project.BuildPath, "--",
                     $"--Nuzantara:DashboardPort={dashboardPort}", $"--Nuzantara:OtlpGrpcPort={PortAllocator.FreePort()}", $"--Nuzantara:OtlpHttpPort={PortAllocator.FreePort()}",
                     $"--Nuzantara:StateDirectory={stateDirectory}"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["AppHost__OtlpApiKey"] = apiKey;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var output = new StringBuilder();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start env.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboardPort}"), Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.Add("x-otlp-api-key", apiKey);
        var clock = Stopwatch.StartNew();
        List<ResourceJson> last = [];
        string? problem = null;
        TimeSpan? settledAfter = null;
        var settledPolls = 0;
        while (clock.Elapsed < settleTimeout)
        {
            if (process.HasExited)
            {
                problem = $"the AppHost exited by itself with exit code {process.ExitCode}";
                break;
            }

            if (await TryReadAsync(client, cancellationToken) is { } resources)
            {
                last = resources;
                // Two polls in a row with every resource settled: a resource between two states is not taken for settled.
                settledPolls = resources.Count > 0 && resources.All(Settled) && Began(resources) ? settledPolls + 1 : 0;
                if (settledPolls == 2)
                {
                    settledAfter = clock.Elapsed;
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        if (problem is null && last.Count == 0)
        {
            problem = $"the dashboard's /api/resources did not answer within {settleTimeout.TotalSeconds:0} s";
        }

        var stoppedAfter = await StopAsync(process);
        var ports = last.SelectMany(r => r.Urls ?? []).Select(u => Uri.TryCreate(u.Url, UriKind.Absolute, out var uri) ? uri : null)
            .Where(u => u is not null && (u.Host is "127.0.0.1" or "localhost")).Select(u => u!.Port).Append(dashboardPort).Distinct().ToList();
        var held = ports.Where(port => PortAllocator.PortHolder("127.0.0.1", port) is not null).ToList();

        string tail;
        lock (output)
        {
            // Everything the AppHost and its resources printed, for a reader who wants more than the report's last lines.
            File.WriteAllText(Path.Combine(workFolder, "apphost.log"), output.ToString());
            tail = ManifestCheck.LastLines(output.ToString());
        }

        return new Outcome(
            problem,
            [.. last.Select(r => new Resource(r.Name, r.Type, r.State, r.Health, r.StateReason, r.ExitCode))],
            settledAfter,
            stoppedAfter,
            held,
            tail);
    }

    /// <summary>
    /// Nothing more will happen to it without the user: up, finished, failed, not started because it waits for the
    /// dashboard's Start (WithExplicitStart), or not started with the reason why this runtime cannot run it.
    /// </summary>
    private static bool Settled(ResourceJson resource) => resource.State switch
    {
        "Waiting" or "Starting" or "Stopping" => false,
        "Running" => resource.Health == "Healthy",
        "NotStarted" => !string.IsNullOrEmpty(resource.StateReason) || resource.Commands?.Any(c => c.Name == "start" && c.State == "Enabled") == true,
        _ => true,
    };

    /// <summary>
    /// The start has begun launching: every resource is NotStarted while the AppHost still installs packages, and a
    /// Start button is then enabled on each, so that alone does not mean an explicit start.
    /// </summary>
    private static bool Began(List<ResourceJson> resources) =>
        resources.Any(r => r.State != "NotStarted") || resources.All(r => !string.IsNullOrEmpty(r.StateReason));

    private static async Task<List<ResourceJson>?> TryReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFromJsonAsync<List<ResourceJson>>("/api/resources", Json, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            // Not listening yet, or busy starting: the next poll asks again.
            return null;
        }
    }

    /// <summary>SIGINT to the whole process group, as Ctrl+C; killed after 40 s (the engine's shutdown timeout is 30 s).</summary>
    private static async Task<TimeSpan?> StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return TimeSpan.Zero;
        }

        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", "--", $"-{process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            using var kill = Process.Start("kill", ["-KILL", "--", $"-{process.Id}"]);
            await kill.WaitForExitAsync();
            return null;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
