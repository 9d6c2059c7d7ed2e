using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration.Process;

/// <summary>The before-launch steps of WithVirtualEnvironment and WithUv.</summary>
internal static class PythonEnvironmentSteps
{
    public static BeforeLaunchAnnotation VirtualEnvironment(string environment, bool create) =>
        new($"virtual environment {environment}", async context =>
        {
            if (File.Exists(Path.Combine(environment, "bin", "python3")))
            {
                return;
            }

            if (!create)
            {
                throw new DistributedApplicationException(
                    $"'{context.Resource.Name}' runs in the virtual environment {environment}, which does not exist. " +
                    $"Create it ({PythonAppBuilderExtensions.Interpreter} -m venv {environment}), or call WithVirtualEnvironment with createIfNotExists: true.");
            }

            context.Log($"[nuzantara] creating {environment} (with Debian's python3-* packages, without pip: no package index is reachable)", false);
            // --without-pip: ensurepip is Debian's python3-venv, and pip would have no index to install from.
            var result = await CommandRunner.RunAsync(PythonAppBuilderExtensions.Interpreter, ["-m", "venv", "--system-site-packages", "--without-pip", environment],
                context.CancellationToken, onLine: line => context.Log(line, false)).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new DistributedApplicationException(
                    $"'{context.Resource.Name}' could not create its virtual environment {environment} (exit code {result.ExitCode}): {result.Output.Trim()}");
            }
        });

    public static BeforeLaunchAnnotation Uv(bool install, string[] args) =>
        new(install ? "uv sync (before start)" : "uv", async context =>
        {
            var uv = CommandLocator.Find("uv") ?? throw new DistributedApplicationException(
                $"'{context.Resource.Name}' runs with uv (WithUv), but uv is not installed: it is not on PATH, and Debian bookworm has no uv package. " +
                "Install it where this AppHost finds it (the standalone uv binary from https://docs.astral.sh/uv/ in /usr/local/bin, or pipx install uv), " +
                $"or remove WithUv() to run the app with Debian's {PythonAppBuilderExtensions.Interpreter} and python3-* packages.");
            if (!install)
            {
                return;
            }

            var result = await CommandRunner.RunAsync(uv, ["sync", .. args], context.CancellationToken, context.Environment,
                line => context.Log(line, false), context.Resource.WorkingDirectory, inheritEnvironment: false).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new DistributedApplicationException(
                    $"'{context.Resource.Name}' could not install its packages: 'uv sync' in {context.Resource.WorkingDirectory} exited with code {result.ExitCode} " +
                    $"({string.Join("; ", result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(2))}). " +
                    "Where no package index is reachable, vendor the wheels and point uv at them (UV_FIND_LINKS, --offline), or drop WithUv().");
            }
        });
}
