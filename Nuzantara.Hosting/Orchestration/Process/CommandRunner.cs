using System.Diagnostics;
using System.Text;

namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>Runs a short-lived command to completion (initdb, chown, apt-get), capturing what it printed.</summary>
internal static class CommandRunner
{
    public sealed record Result(int ExitCode, string Output);

    /// <param name="environment">Variables added to the AppHost's environment, or to the allowlist alone when not <paramref name="inheritEnvironment"/>.</param>
    /// <param name="inheritEnvironment">False for a step of a resource (initdb): it gets a resource's own environment (<see cref="ChildEnvironment"/>).</param>
    /// <param name="killOnCancel">False for a command that must not be cut off half-way (apt-get: a killed dpkg leaves the
    /// package database half-configured and every later install failing): cancelling then waits for it to finish.</param>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, Action<string>? onLine = null, string? workingDirectory = null, bool inheritEnvironment = true,
        bool killOnCancel = true)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        if (inheritEnvironment)
        {
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                startInfo.Environment[key] = value;
            }
        }
        else
        {
            ChildEnvironment.Apply(startInfo.Environment, environment ?? new Dictionary<string, string>());
        }

        var output = new StringBuilder();
        using var process = new System.Diagnostics.Process { StartInfo = startInfo };
        void Capture(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            onLine?.Invoke(line);
        }

        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new Result(127, $"{fileName}: {ex.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (killOnCancel)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        catch (OperationCanceledException)
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> args, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var argList = args.ToList();
        var result = await RunAsync(fileName, argList, cancellationToken, environment).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"'{fileName} {string.Join(' ', argList)}' failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output.Trim()}");
        }

        return result.Output;
    }
}
