using System.Diagnostics;

namespace Nuzantara.Reliability.Tests;

/// <summary>The machine or the files around the AppHost are broken: the AppHost says what is wrong and what to do, and leaves nothing half-started.</summary>
public sealed class BrokenEnvironmentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_corrupt_secrets_file_stops_the_build_naming_the_file_and_is_left_as_it_was()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var secretsPath = builder.Configuration["Nuzantara:SecretsPath"]!;
        Directory.CreateDirectory(Path.GetDirectoryName(secretsPath)!);
        const string damaged = "{\"Parameters:postgres-password\": \"kept\", ";
        await File.WriteAllTextAsync(secretsPath, damaged, Token);
        builder.AddPostgres("postgres");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(async () =>
        {
            await using var app = await builder.BuildAsync(Token);
            await app.StartAsync(Token);
        });

        Assert.Contains(secretsPath, error.Message);
        Assert.Contains("Repair it, or move it away", error.Message);
        Assert.Equal(damaged, await File.ReadAllTextAsync(secretsPath, Token));
    }

    [Fact]
    public async Task A_full_disk_under_the_state_directory_fails_PostgreSQL_with_the_reason_and_leaves_nothing_running()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var stateDirectory = Path.Combine(builder.StateDirectory, "small-disk");
        Directory.CreateDirectory(stateDirectory);
        await using var disk = await SmallDisk.MountAsync(stateDirectory, "2m");
        builder.Configuration["Nuzantara:StateDirectory"] = stateDirectory;
        builder.AddPostgres("postgres");

        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var failed = await app.ResourceNotifications.WaitForResourceAsync("postgres", e => e.Snapshot.IsTerminal, Token).WaitAsync(TimeSpan.FromMinutes(2), Token);

        Assert.Equal(KnownResourceStates.FailedToStart, failed.Snapshot.State);
        Assert.Contains("No space left on device", failed.Snapshot.StateReason);
        Assert.Contains(stateDirectory, failed.Snapshot.StateReason);
        Assert.DoesNotContain(Process.GetProcesses(), p => CommandLine(p.Id).Contains(stateDirectory, StringComparison.Ordinal));
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>A tmpfs of a few megabytes mounted over a folder: a disk that fills up for real.</summary>
    private sealed class SmallDisk(string path) : IAsyncDisposable
    {
        public static async Task<SmallDisk> MountAsync(string path, string size)
        {
            var (code, error) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", path);
            if (code != 0)
            {
                Assert.Skip($"A small disk needs permission to mount a tmpfs, which this machine refuses: {error.Trim()}");
            }

            return new SmallDisk(path);
        }

        public async ValueTask DisposeAsync() => await RunAsync("umount", "--lazy", path);

        private static async Task<(int Code, string Error)> RunAsync(string command, params string[] arguments)
        {
            var start = new ProcessStartInfo(command) { RedirectStandardError = true };
            arguments.ToList().ForEach(start.ArgumentList.Add);
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, error);
        }
    }
}
