using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting.Orchestration.State;

/// <summary>
/// Records every child the AppHost starts (<c>processes.json</c> in the state directory), so that the next AppHost
/// can stop what a crashed one left behind. A lock file keeps two AppHosts off one state directory.
/// </summary>
internal sealed class ProcessStateFile : IDisposable
{
    private readonly string _path;
    private readonly Dictionary<string, ProcessIdentity> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ILogger<ProcessStateFile> _logger;
    private FileStream? _lock;

    public ProcessStateFile(HostingOptions options, ILogger<ProcessStateFile> logger)
    {
        _path = Path.Combine(options.StateDirectory, "processes.json");
        _logger = logger;
    }

    /// <summary>Takes the state directory and stops the orphans of a previous AppHost that died without cleaning up.</summary>
    public async Task AcquireAndReapAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        var lockPath = Path.Combine(directory, "apphost.lock");
        try
        {
            // FileShare.None takes an advisory flock on Unix: released by the kernel even if this process is SIGKILLed.
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DistributedApplicationException(
                $"Another AppHost is running with the state directory {directory}. Stop it (Ctrl+C) before starting this one, " +
                "or give this one its own state directory with --Nuzantara:StateDirectory=<path>.");
        }

        if (!File.Exists(_path))
        {
            return;
        }

        List<ProcessIdentity> orphans;
        try
        {
            orphans = JsonSerializer.Deserialize<List<ProcessIdentity>>(await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)) ?? [];
        }
        catch (JsonException)
        {
            _logger.LogWarning("Ignoring unreadable process state file {Path}", _path);
            orphans = [];
        }

        foreach (var orphan in orphans.Where(o => o.IsAlive))
        {
            _logger.LogWarning("Stopping {Resource} (pid {ProcessId}), left running by an AppHost that did not stop cleanly", orphan.Resource, orphan.ProcessId);
            NativeMethods.SignalGroup(orphan.ProcessId, NativeMethods.SIGTERM);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (orphan.IsAlive && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            NativeMethods.SignalGroup(orphan.ProcessId, NativeMethods.SIGKILL);
            while (orphan.IsAlive)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Delete(_path);
    }

    public void Add(ProcessIdentity identity)
    {
        lock (_gate)
        {
            _running[$"{identity.Resource}/{identity.ProcessId}"] = identity;
            Save();
        }
    }

    public void Remove(ProcessIdentity identity)
    {
        lock (_gate)
        {
            _running.Remove($"{identity.Resource}/{identity.ProcessId}");
            Save();
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private void Save()
    {
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_running.Values.ToList()));
        File.Move(temporary, _path, overwrite: true);
    }
}
