using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.JavaScript;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Publishing.Dockerfiles;

/// <summary>
/// The Dockerfiles Aspire generates for a JavaScript app without one. A Node app: a build stage that installs its
/// packages (<c>npm ci</c> with a lock file) and a runtime stage running <c>node &lt;script&gt;</c> as the image's
/// <c>node</c> user. Any other JavaScript app (AddJavaScriptApp, AddViteApp): one stage that installs and runs the
/// package.json <c>build</c> script, leaving the static files in <c>/app/dist</c> for the app that serves them
/// (PublishWithContainerFiles); the image runs nothing, so it is only built.
/// </summary>
internal static partial class JavaScriptDockerfile
{
    /// <summary>Aspire's when the app's files name none.</summary>
    public const string DefaultNodeVersion = "22";

    private const string PackageFiles = "package*.json";

    public static string RenderNodeApp(NodeAppResource app, ContainerFilesStages containerFiles)
    {
        var script = app.OfAnnotation<NodeScriptAnnotation>().LastOrDefault()?.ScriptPath ?? throw new DistributedApplicationException(
            $"'{app.Name}' has no Dockerfile in {app.WorkingDirectory}, and publishing cannot generate one: it does not know which script starts the app. " +
            "Add a Dockerfile there, or add the app with AddNodeApp(name, appDirectory, scriptPath).");
        var image = $"node:{Version(app.WorkingDirectory)}-alpine";
        var dockerfile = new DockerfileText().Line($"FROM {image} AS build").Blank().Line("WORKDIR /app");
        WriteInstall(dockerfile, app);
        dockerfile.Line("COPY . .").Blank();

        containerFiles.WriteStages(dockerfile);
        dockerfile.Line($"FROM {image} AS runtime").Blank().Line("WORKDIR /app").Line("COPY --from=build /app /app");
        containerFiles.WriteCopies(dockerfile, "/app");
        return dockerfile.Blank().Line("ENV NODE_ENV=production").Blank().Line("USER node").Blank().Entrypoint("node", script).ToString();
    }

    /// <summary>
    /// Written whatever package.json says, as Aspire writes it (every JavaScript app is published as an image by
    /// default): without a build script the image build fails, so publishing warns, naming the app and the fix.
    /// </summary>
    public static string RenderBuild(JavaScriptAppResource app, ILogger logger)
    {
        var packageJson = Path.Combine(app.WorkingDirectory, "package.json");
        if (!File.Exists(packageJson) || !Scripts(packageJson).Contains("build"))
        {
            logger.LogWarning(
                "'{Resource}' is published as the image of a Dockerfile generated for it, which runs the package.json 'build' script, and {PackageJson} has none or does not exist: " +
                "building that image fails. Add a build script (\"build\": \"vite build\", say), or a Dockerfile in {AppDirectory}.",
                app.Name, packageJson, app.WorkingDirectory);
        }

        var dockerfile = new DockerfileText().Line($"FROM node:{Version(app.WorkingDirectory)}-slim").Line("WORKDIR /app");
        WriteInstall(dockerfile, app);
        return dockerfile.Line("COPY . .").Line("RUN npm run build").ToString();
    }

    /// <summary>package.json alone first, so that a change to the code alone reuses the installed packages' layer.</summary>
    private static void WriteInstall(DockerfileText dockerfile, JavaScriptAppResource app)
    {
        if (app.OfAnnotation<JavaScriptInstallCommandAnnotation>().LastOrDefault() is { } install)
        {
            dockerfile.Line($"COPY {PackageFiles} ./").Line($"RUN --mount=type=cache,target=/root/.npm npm {string.Join(' ', install.Args)}");
        }
    }

    /// <summary>As Aspire: the major version of <c>.nvmrc</c>, <c>.node-version</c>, package.json's engines.node or asdf's <c>.tool-versions</c>, else <see cref="DefaultNodeVersion"/>.</summary>
    private static string Version(string appDirectory)
    {
        string? Read(string file) => File.Exists(Path.Combine(appDirectory, file)) ? File.ReadAllText(Path.Combine(appDirectory, file)) : null;

        var candidates = new[]
        {
            Read(".nvmrc"),
            Read(".node-version"),
            EnginesNode(Path.Combine(appDirectory, "package.json")),
            Read(".tool-versions") is { } tools ? ToolVersionsNode().Match(tools) is { Success: true } tool ? tool.Groups[1].Value : null : null,
        };
        return candidates.Select(c => c is null ? null : MajorVersion().Match(c)).FirstOrDefault(m => m is { Success: true }) is { } major
            ? major.Groups[1].Value
            : DefaultNodeVersion;
    }

    private static string? EnginesNode(string packageJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return document.RootElement.TryGetProperty("engines", out var engines) && engines.ValueKind == JsonValueKind.Object
                && engines.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.String ? node.GetString() : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private static HashSet<string> Scripts(string packageJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return document.RootElement.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object
                ? [.. scripts.EnumerateObject().Select(s => s.Name)]
                : [];
        }
        catch (JsonException e)
        {
            throw new DistributedApplicationException($"{packageJson} is not valid JSON ({e.Message}): fix it so that publishing can read its scripts.");
        }
    }

    /// <summary>The first whole number of a version or range (<c>v22.1.0</c>, <c>&gt;=20.12</c>, <c>^18</c>).</summary>
    [GeneratedRegex(@"^\s*(?:>=|<=|==|[>=<~^vV])?\s*0*([1-9][0-9]*)(?![0-9])")]
    private static partial Regex MajorVersion();

    [GeneratedRegex(@"^\s*node(?:js)?\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex ToolVersionsNode();
}
