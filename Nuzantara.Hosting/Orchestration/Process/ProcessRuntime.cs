using System.Runtime.InteropServices;
using System.Diagnostics;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.State;

namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>
/// Runs resources as native processes: projects from their built assembly, executables as declared, and container
/// resources through their native recipe. Each child gets its own session and process group (<c>setsid</c>), so a
/// stop signal reaches its whole tree and a terminal's Ctrl+C reaches only the AppHost, which stops children in order.
/// A child's environment is what its resource declares plus <see cref="ChildEnvironment.Inherited"/>, never the
/// AppHost's whole environment.
/// </summary>
internal sealed class ProcessRuntime(
    HostingOptions options,
    ResourceLoggerService logs,
    ProcessStateFile stateFile,
    IServiceProvider services) : IResourceLauncher
{
    public static IReadOnlyList<string> RunAsArguments(string user) => ["--reuid", user, "--regid", user, "--init-groups", "--"];

    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    // dotnet run builds first: no build server or node may outlive the app's process group, which stopping signals.
    private static readonly IReadOnlyDictionary<string, string> DotnetRunEnvironment = new Dictionary<string, string>
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    public static bool CanRun(IResource resource) =>
        resource is ProjectResource or ExecutableResource || resource.OfAnnotation<NativeRecipeAnnotation>().Any();

    public async Task<IRunningResource> LaunchAsync(IResource resource, LaunchSpec spec, CancellationToken cancellationToken)
    {
        var (command, args, workingDirectory, runAsUser, stopSignal, nativeEnvironment) = await ResolveCommandAsync(resource, spec, cancellationToken).ConfigureAwait(false);

        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (runAsUser is not null)
        {
            startInfo.ArgumentList.Add("setpriv");
            foreach (var arg in RunAsArguments(runAsUser))
            {
                startInfo.ArgumentList.Add(arg);
            }
        }

        startInfo.ArgumentList.Add(command);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        ChildEnvironment.Apply(startInfo.Environment, spec.Environment.Concat(nativeEnvironment));

        var process = new System.Diagnostics.Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                logs.Write(resource.Name, e.Data, isError: false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                logs.Write(resource.Name, e.Data, isError: true);
            }
        };

        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // setsid and setpriv exec in place, so this PID is the resource's own process and its process group id.
        var identity = new ProcessIdentity(resource.Name, process.Id, ProcessIdentity.ReadStartTime(process.Id) ?? 0);
        stateFile.Add(identity);
        return new ManagedProcess(process, identity, NativeMethods.ToNumber(stopSignal), stateFile);
    }

    private async Task<(string Command, IReadOnlyList<string> Args, string WorkingDirectory, string? RunAsUser, PosixSignal StopSignal, IReadOnlyDictionary<string, string> NativeEnvironment)> ResolveCommandAsync(
        IResource resource, LaunchSpec spec, CancellationToken cancellationToken)
    {
        switch (resource)
        {
            // Added by path (AddCSharpApp): nothing is built yet, so dotnet run builds and starts it; the launch profile's
            // settings are in the model already.
            case ProjectResource project when string.IsNullOrEmpty(project.Metadata.TargetPath):
                var metadata = project.Metadata;
                return ("dotnet", ["run", metadata.IsFileBasedApp ? "--file" : "--project", metadata.ProjectPath, "--no-launch-profile", "--", .. spec.Args],
                    Path.GetDirectoryName(metadata.ProjectPath)!, null, PosixSignal.SIGTERM, DotnetRunEnvironment);

            case ProjectResource project:
                var targetPath = project.Metadata.TargetPath;
                if (!File.Exists(targetPath))
                {
                    throw new DistributedApplicationException(
                        $"Project '{resource.Name}' is not built: {targetPath} does not exist. Build the AppHost (dotnet build {Path.GetFileName(project.Metadata.ProjectPath)}'s AppHost), which builds every project it references.");
                }

                return ("dotnet", [targetPath, .. spec.Args], Path.GetDirectoryName(project.Metadata.ProjectPath)!, null, PosixSignal.SIGTERM, NoEnvironment);

            case ExecutableResource executable:
                foreach (var step in executable.OfAnnotation<BeforeLaunchAnnotation>())
                {
                    logs.Write(resource.Name, $"[nuzantara] {step.Description}", isError: false);
                    await step.Step(new BeforeLaunchContext(executable, spec.Environment, (line, isError) => logs.Write(resource.Name, line, isError), cancellationToken)).ConfigureAwait(false);
                }

                var executablePath = CommandLocator.Find(executable.Command)
                    ?? throw new DistributedApplicationException($"Resource '{resource.Name}' runs '{executable.Command}', which is not installed or not on PATH.");
                return (executablePath, spec.Args, executable.WorkingDirectory, null, PosixSignal.SIGTERM, NoEnvironment);
        }

        if (!resource.TryGetLastAnnotation<NativeRecipeAnnotation>(out var recipe))
        {
            throw new DistributedApplicationException($"Resource '{resource.Name}' cannot run as a native process: it has no native recipe.");
        }

        var commandPath = CommandLocator.Find(recipe.Command)
            ?? throw new DistributedApplicationException($"Resource '{resource.Name}' needs '{recipe.Command}', which is not installed.");
        var stateDirectory = Path.Combine(options.StateDirectory, resource.Name);
        Directory.CreateDirectory(stateDirectory);
        var runAsUser = recipe.RunAsUserWhenRoot is { } user && NativeMethods.IsRoot ? user : null;
        var context = new NativeLaunchContext(resource, commandPath, stateDirectory, runAsUser, services, cancellationToken);
        if (recipe.Prepare is not null)
        {
            await recipe.Prepare(context).ConfigureAwait(false);
        }

        if (recipe.Configure is not null)
        {
            await recipe.Configure(context).ConfigureAwait(false);
        }

        var (nativeEnvironment, nativeArguments) = await new ResourceConfiguration(context.EnvironmentVariables, context.Args).ResolveAsync(cancellationToken).ConfigureAwait(false);
        return (commandPath, [.. spec.Args, .. nativeArguments], stateDirectory, runAsUser, recipe.StopSignal, nativeEnvironment);
    }

    private sealed class ManagedProcess : IRunningResource
    {
        private readonly System.Diagnostics.Process _process;
        private readonly ProcessIdentity _identity;
        private readonly int _stopSignal;

        public ManagedProcess(System.Diagnostics.Process process, ProcessIdentity identity, int stopSignal, ProcessStateFile stateFile)
        {
            _process = process;
            _identity = identity;
            _stopSignal = stopSignal;
            Exited = WaitAsync(stateFile);
        }

        public int? ProcessId => _identity.ProcessId;

        public Task<int> Exited { get; }

        public async Task StopAsync(TimeSpan gracePeriod, CancellationToken cancellationToken)
        {
            if (Exited.IsCompleted)
            {
                return;
            }

            NativeMethods.SignalGroupOrLeader(_identity.ProcessId, _stopSignal);
            if (await Task.WhenAny(Exited, Task.Delay(gracePeriod, cancellationToken)).ConfigureAwait(false) != Exited)
            {
                NativeMethods.SignalGroupOrLeader(_identity.ProcessId, NativeMethods.SIGKILL);
                await Exited.ConfigureAwait(false);
            }
        }

        private async Task<int> WaitAsync(ProcessStateFile stateFile)
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            // The leader is gone; anything it forked into its group goes with it.
            NativeMethods.SignalGroup(_identity.ProcessId, NativeMethods.SIGKILL);
            stateFile.Remove(_identity);
            var exitCode = _process.ExitCode;
            _process.Dispose();
            return exitCode;
        }
    }
}
