using System.Text.RegularExpressions;
using Aspire.Hosting.Python;
using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Python apps run by Debian's interpreter (<c>/usr/bin/python3</c>) with Debian's python3-* packages, because no
/// package index is reachable to fill a virtual environment. <c>requirements.txt</c> names the libraries: each maps to
/// Debian's <c>python3-&lt;name&gt;</c>; the ones Debian lacks are reported and left to the app to do without.
/// </summary>
public static partial class PythonAppBuilderExtensions
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>An ASGI app served by uvicorn (<c>python3 -m uvicorn app --host … --port $PORT</c>), as Aspire's AddUvicornApp.</summary>
    public static IResourceBuilder<PythonAppResource> AddUvicornApp(this IDistributedApplicationBuilder builder, string name, string appDirectory, string app, int? port = null)
    {
        var python = builder.AddPythonResource(name, appDirectory).WithHttpEndpoint(port: port, env: "PORT")
            // A generated Dockerfile runs uvicorn's own program, as Aspire's does: the arguments after "-m uvicorn" are its.
            .WithAnnotation(new PythonEntrypointAnnotation(EntrypointType.Executable, "uvicorn", ModelArgumentCount: 2));
        var endpoint = python.GetEndpoint("http");
        // A container listens on all its interfaces: the endpoint's host is this machine's.
        return python.WithArgs(context =>
            context.Args.AddRange(["-m", "uvicorn", app, "--host", context.ExecutionContext.IsPublishMode ? "0.0.0.0" : endpoint.Property(EndpointProperty.Host),
                "--port", endpoint.Property(EndpointProperty.TargetPort)]));
    }

    /// <summary>A Python script (<c>python3 script.py</c>); add an endpoint with <c>WithHttpEndpoint(env: "PORT")</c> if it serves one.</summary>
    public static IResourceBuilder<PythonAppResource> AddPythonApp(this IDistributedApplicationBuilder builder, string name, string appDirectory, string scriptPath, params string[] args) =>
        builder.AddPythonResource(name, appDirectory)
            .WithAnnotation(new PythonEntrypointAnnotation(EntrypointType.Script, scriptPath, ModelArgumentCount: 1))
            .WithArgs([scriptPath, .. args]);

    /// <param name="command">The interpreter, or a Python program's own command (<see cref="AddPythonExecutable"/>).</param>
    private static IResourceBuilder<PythonAppResource> AddPythonResource(this IDistributedApplicationBuilder builder, string name, string appDirectory, string command = Interpreter)
    {
        var directory = Path.GetFullPath(appDirectory, builder.AppHostDirectory);
        return builder.AddResource(new PythonAppResource(name, command, directory))
            .WithAnnotation(new OtlpExporterAnnotation(OtlpProtocol.HttpJson))
            .WithAnnotation(new RequiredPackagesAnnotation(Interpreter, ["python3"]) { LibraryPackages = DebianPackagesFor(directory) })
            .WithEnvironment("PYTHONUNBUFFERED", "1");
    }

    /// <summary>Debian's package name for each requirement: <c>python3-</c> + the PEP 503 normalised project name.</summary>
    internal static IReadOnlyList<string> DebianPackagesFor(string appDirectory)
    {
        var requirements = Path.Combine(appDirectory, "requirements.txt");
        if (!File.Exists(requirements))
        {
            return [];
        }

        return [.. File.ReadAllLines(requirements)
            .Select(line => RequirementName().Match(line.Trim()))
            .Where(match => match.Success)
            .Select(match => "python3-" + Separators().Replace(match.Groups[1].Value, "-").ToLowerInvariant())
            .Distinct()];
    }

    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9._-]*)")]
    private static partial Regex RequirementName();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
