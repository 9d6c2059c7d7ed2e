using Aspire.Hosting.JavaScript;
using Microsoft.Extensions.Hosting;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;

namespace Aspire.Hosting;

/// <summary>
/// JavaScript apps, as Aspire's Aspire.Hosting.JavaScript: run by Debian's <c>nodejs</c> and <c>npm</c>, which the
/// process runtime installs like any native binary. They are executables, so they run as native processes under
/// either runtime. AddNodeApp, AddJavaScriptApp and AddViteApp publish as an image (<c>container.v1</c> with its
/// build), as Aspire 13's do: PublishAsDockerFile by default, built from the folder's Dockerfile or the one publishing
/// generates. Aspire 9's AddNpmApp stays <c>executable.v0</c> unless it calls PublishAsDockerFile, as it was there.
/// </summary>
public static partial class JavaScriptHostingExtensions
{
    /// <summary><c>node &lt;scriptPath&gt;</c> in <paramref name="appDirectory"/>; npm installs its packages first when the folder has a package.json.</summary>
    public static IResourceBuilder<NodeAppResource> AddNodeApp(this IDistributedApplicationBuilder builder, string name, string appDirectory, string scriptPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(scriptPath);
        var directory = Path.GetFullPath(appDirectory, builder.AppHostDirectory);
        var app = builder.AddResource(new NodeAppResource(name, "node", directory)).WithNodeDefaults(builder, scriptPath)
            .WithAnnotation(new NodeScriptAnnotation(scriptPath))
            .PublishAsDockerFile();
        return File.Exists(Path.Combine(directory, "package.json")) ? app.WithNpm() : app;
    }

    /// <summary><c>npm run &lt;runScriptName&gt;</c> in <paramref name="appDirectory"/>, after <c>npm install</c>.</summary>
    public static IResourceBuilder<JavaScriptAppResource> AddJavaScriptApp(this IDistributedApplicationBuilder builder, string name, string appDirectory, string runScriptName = "dev") =>
        builder.AddResource(new JavaScriptAppResource(name, "npm", Path.GetFullPath(appDirectory, builder.AppHostDirectory)))
            .WithNodeDefaults(builder, scriptPath: null)
            .WithRunScript(runScriptName)
            .WithNpm()
            .PublishAsDockerFile();

    /// <summary>Aspire 9's <c>AddNpmApp</c>: <c>npm run &lt;scriptName&gt; -- &lt;args&gt;</c> in <paramref name="workingDirectory"/>, after <c>npm install</c>.</summary>
    public static IResourceBuilder<JavaScriptAppResource> AddNpmApp(this IDistributedApplicationBuilder builder, string name, string workingDirectory, string scriptName = "start", string[]? args = null) =>
        builder.AddResource(new JavaScriptAppResource(name, "npm", Path.GetFullPath(workingDirectory, builder.AppHostDirectory)))
            .WithNodeDefaults(builder, scriptPath: null)
            .WithRunScript(scriptName, args)
            .WithNpm();

    /// <summary>
    /// A Vite dev server: <c>npm run &lt;runScriptName&gt; -- --port &lt;port&gt; --host &lt;address&gt; --strictPort</c>, with an
    /// http endpoint. Its build output, <c>/app/dist</c> as in Aspire, is what PublishWithContainerFiles copies.
    /// </summary>
    public static IResourceBuilder<ViteAppResource> AddViteApp(this IDistributedApplicationBuilder builder, string name, string appDirectory, string runScriptName = "dev") =>
        builder.AddResource(new ViteAppResource(name, "npm", Path.GetFullPath(appDirectory, builder.AppHostDirectory)))
            .WithNodeDefaults(builder, scriptPath: null)
            .WithRunScript(runScriptName)
            .WithNpm()
            .WithHttpEndpoint(env: "PORT")
            .WithContainerFilesSource("/app/dist")
            .PublishAsDockerFile();

    /// <summary>
    /// npm as the package manager: before each start, <c>npm &lt;installCommand&gt;</c> (<c>install</c>, or <c>ci</c> for a
    /// lock file) when package.json declares dependencies. Without a reachable registry the app fails to start with
    /// npm's reason and what to do, within seconds.
    /// </summary>
    public static IResourceBuilder<TResource> WithNpm<TResource>(this IResourceBuilder<TResource> resource, bool install = true, string? installCommand = null, string[]? installArgs = null)
        where TResource : JavaScriptAppResource
    {
        // A later call replaces the install step of an earlier one (AddNodeApp's automatic WithNpm, say), never adds a second.
        foreach (var previous in resource.Resource.OfAnnotation<BeforeLaunchAnnotation>().Where(a => a.Description.StartsWith("npm ", StringComparison.Ordinal))
            .Concat<IResourceAnnotation>(resource.Resource.OfAnnotation<JavaScriptInstallCommandAnnotation>()).ToList())
        {
            resource.Resource.Annotations.Remove(previous);
        }

        RequireNpm(resource);
        // A published image installs from the lock file when there is one (npm ci), as Aspire's generated Dockerfile does.
        var publishedCommand = installCommand ?? (resource.ApplicationBuilder.ExecutionContext.IsPublishMode
            && File.Exists(Path.Combine(resource.Resource.WorkingDirectory, "package-lock.json")) ? "ci" : "install");
        resource.WithAnnotation(new JavaScriptInstallCommandAnnotation([publishedCommand, .. installArgs ?? []]));
        return install ? resource.WithAnnotation(NpmInstallStep.Create(installCommand ?? "install", installArgs ?? [])) : resource;
    }

    /// <summary>Starts the app with <c>npm run &lt;scriptName&gt;</c> instead of its script (the last call wins).</summary>
    public static IResourceBuilder<TResource> WithRunScript<TResource>(this IResourceBuilder<TResource> resource, string scriptName, string[]? args = null)
        where TResource : JavaScriptAppResource
    {
        ArgumentException.ThrowIfNullOrEmpty(scriptName);
        resource.Resource.Command = "npm";
        RequireNpm(resource);
        return resource.WithAnnotation(new JavaScriptRunScriptAnnotation(scriptName, args));
    }

    /// <summary>Debian's npm, installed by the process runtime like any native binary (once per resource).</summary>
    private static void RequireNpm<TResource>(IResourceBuilder<TResource> resource) where TResource : JavaScriptAppResource
    {
        if (!resource.Resource.OfAnnotation<RequiredPackagesAnnotation>().Any(p => p.Command == "npm"))
        {
            resource.WithAnnotation(new RequiredPackagesAnnotation("npm", ["npm"]));
        }
    }

    private static IResourceBuilder<TResource> WithNodeDefaults<TResource>(this IResourceBuilder<TResource> app, IDistributedApplicationBuilder builder, string? scriptPath)
        where TResource : JavaScriptAppResource =>
        app.WithAnnotation(new RequiredPackagesAnnotation("node", ["nodejs"]))
            // OpenTelemetry's JavaScript SDK exports http/protobuf unless told otherwise.
            .WithAnnotation(new OtlpExporterAnnotation(OtlpProtocol.HttpProtobuf))
            // A deployment runs in production whatever the environment of the AppHost that published it.
            .WithEnvironment(context => context.EnvironmentVariables["NODE_ENV"] =
                context.ExecutionContext.IsRunMode && builder.Environment.IsDevelopment() ? "development" : "production")
            .WithArgs(context => AddArguments(context, (JavaScriptAppResource)context.Resource, scriptPath));

    /// <summary>The script, or <c>run &lt;script&gt;</c> with its arguments after <c>--</c> (where npm passes them on), plus a Vite server's address.</summary>
    private static void AddArguments(CommandLineArgsCallbackContext context, JavaScriptAppResource app, string? scriptPath)
    {
        if (!app.TryGetLastAnnotation<JavaScriptRunScriptAnnotation>(out var run))
        {
            context.Args.Add(scriptPath!);
            return;
        }

        context.Args.AddRange(["run", run.ScriptName]);
        List<object> scriptArgs = [.. run.Args];
        if (app is ViteAppResource vite)
        {
            var endpoint = new EndpointReference(vite, "http");
            scriptArgs.AddRange(["--port", endpoint.Property(EndpointProperty.TargetPort), "--host", endpoint.Property(EndpointProperty.Host), "--strictPort"]);
        }

        if (scriptArgs.Count > 0)
        {
            context.Args.Add("--");
            context.Args.AddRange(scriptArgs);
        }
    }
}
