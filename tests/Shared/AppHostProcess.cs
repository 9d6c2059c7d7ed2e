using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Tests;

/// <summary>Runs the real AppHost as its own process, the way azd and a user run it: <c>dotnet Nuzantara.AppHost.dll --publisher …</c>.</summary>
internal static class AppHostProcess
{
    /// <summary>The publishers a user can pick with <c>--publisher</c>.</summary>
    public static readonly string[] Publishers = ["manifest", "docker-compose", "kubernetes"];

    public static string ProjectPath => new Projects.Nuzantara_AppHost().ProjectPath;

    public static Task<CommandRunner.Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>The AppHost started with <paramref name="environment"/> besides the fixed DOTNET_ENVIRONMENT.</summary>
    public static Task<CommandRunner.Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CommandRunner.RunAsync("dotnet", [new Projects.Nuzantara_AppHost().TargetPath, .. args], TestContext.Current.CancellationToken,
            // Fixed, so that the output does not depend on the machine's environment (azd sets it to its environment's name).
            environment: new Dictionary<string, string>(environment) { ["DOTNET_ENVIRONMENT"] = "Production" });

    /// <summary>Publishes with <paramref name="publisher"/> into <paramref name="outputPath"/>; a failure shows what the AppHost printed.</summary>
    public static async Task PublishAsync(string publisher, string outputPath, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var result = await RunAsync(environment, ["--publisher", publisher, "--output-path", outputPath, .. args]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing with '{publisher}' exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }
    }
}
