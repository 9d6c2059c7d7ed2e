using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>Real node and npm, started by the process runtime on the fixture server (tests/Fixtures/node-app).</summary>
public sealed class JavaScriptAppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly string Fixture = Path.Combine(Repository.Root, "tests", "Fixtures", "node-app");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddNodeApp_runs_the_script_on_its_PORT_with_telemetry_and_service_discovery_variables()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddNodeApp("api", Fixture, "server.js").WithHttpEndpoint(env: "PORT").WithHttpHealthCheck("/health");
        builder.AddNodeApp("web", Fixture, "server.js").WithHttpEndpoint(env: "PORT").WithHttpHealthCheck("/health")
            .WithReference(api).WaitFor(api);
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        var web = await app.ResourceNotifications.WaitForResourceHealthyAsync("web", Token).WaitAsync(Timeout, Token);

        using var http = app.CreateHttpClient("web");
        var environment = JsonSerializer.Deserialize<Dictionary<string, string>>(await http.GetStringAsync("/env", Token))!;
        Assert.Equal(app.GetEndpoint("web").Port.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["PORT"]);
        Assert.Equal(app.GetEndpoint("api").ToString().TrimEnd('/'), environment["services__api__http__0"]);
        Assert.Equal("web", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.StartsWith("x-otlp-api-key=", environment["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("development", environment["NODE_ENV"]);
        Assert.Equal("node", Path.GetFileName(File.ReadAllText($"/proc/{web.Snapshot.ProcessId}/cmdline").Split('\0')[0]));
    }

    [Fact]
    public async Task AddJavaScriptApp_starts_the_package_script_with_npm_and_installs_nothing_without_dependencies()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddJavaScriptApp("shop", Fixture, runScriptName: "start").WithHttpEndpoint(env: "PORT").WithHttpHealthCheck("/health");
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("shop", Token).WaitAsync(Timeout, Token);

        using var http = app.CreateHttpClient("shop");
        Assert.Equal("ok", await http.GetStringAsync("/health", Token));
        var log = app.ResourceLogs.GetLines("shop").Select(l => l.Text).ToList();
        Assert.Contains(log, line => line.Contains("declares no dependencies: nothing to install", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("node server.js", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(Fixture, "node_modules")));
    }

    [Fact]
    public async Task Without_a_reachable_registry_npm_install_fails_the_app_quickly_naming_it_and_the_reason()
    {
        var appDirectory = Directory.CreateTempSubdirectory("nuzantara-npm-app-").FullName;
        var cache = Directory.CreateTempSubdirectory("nuzantara-npm-cache-").FullName;
        try
        {
            File.Copy(Path.Combine(Fixture, "server.js"), Path.Combine(appDirectory, "server.js"));
            File.WriteAllText(Path.Combine(appDirectory, "package.json"), """{ "name": "needs-a-registry", "version": "1.0.0", "dependencies": { "left-pad": "1.3.0" } }""");
            await using var builder = DistributedApplicationTestingBuilder.Create();
            // A closed port as the registry and an empty cache: what a machine without network sees, on any machine.
            builder.AddNodeApp("web", appDirectory, "server.js").WithHttpEndpoint(env: "PORT")
                .WithEnvironment("npm_config_registry", "http://127.0.0.1:9/")
                .WithEnvironment("npm_config_cache", cache);
            await using var app = await builder.BuildAsync(Token);

            await app.StartAsync(Token);
            var failed = await app.ResourceNotifications.WaitForResourceAsync("web", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);

            Assert.StartsWith("'web' could not install its npm packages: 'npm install'", failed.Snapshot.StateReason);
            Assert.Contains("code ECONNREFUSED; FetchError: request to http://127.0.0.1:9/left-pad failed", failed.Snapshot.StateReason);
            Assert.Contains("npm_config_registry", failed.Snapshot.StateReason);
            Assert.Null(failed.Snapshot.ProcessId);
            Assert.Equal(0, failed.Snapshot.RestartCount);
        }
        finally
        {
            Directory.Delete(appDirectory, recursive: true);
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task The_model_matches_Aspires_commands_and_arguments()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var node = builder.AddNodeApp("node", Fixture, "server.js");
        var npm = builder.AddNpmApp("npm", Fixture, args: ["--verbose"]);
        var vite = builder.AddViteApp("vite", Fixture);
        var options = ApplicationModel.TestModel.Resolve(builder);

        Assert.Equal("node", node.Resource.Command);
        Assert.Equal(["server.js"], await ArgsOfAsync(builder, options, node.Resource));
        Assert.Equal("npm", npm.Resource.Command);
        Assert.Equal(["run", "start", "--", "--verbose"], await ArgsOfAsync(builder, options, npm.Resource));
        var port = vite.Resource.GetEndpoints().Single().AllocatedEndpoint!.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("npm", vite.Resource.Command);
        Assert.Equal(["run", "dev", "--", "--port", port, "--host", "127.0.0.1", "--strictPort"], await ArgsOfAsync(builder, options, vite.Resource));
        Assert.All([node.Resource, npm.Resource, vite.Resource], r => Assert.Contains(r.OfAnnotation<RequiredPackagesAnnotation>(), p => p.Packages.Contains("nodejs")));
        // The fixture has a package.json, so even the plain node app gets npm's install step (which finds nothing to install).
        Assert.All([node.Resource, npm.Resource, vite.Resource], r => Assert.Single(r.OfAnnotation<BeforeLaunchAnnotation>()));
        Assert.Equal("npm ci (before start)", Assert.Single(node.WithNpm(installCommand: "ci").Resource.OfAnnotation<BeforeLaunchAnnotation>()).Description);
        Assert.Empty(node.WithNpm(install: false).Resource.OfAnnotation<BeforeLaunchAnnotation>());
        Assert.Single(npm.Resource.OfAnnotation<RequiredPackagesAnnotation>(), p => p.Command == "npm");
    }

    private static async Task<IReadOnlyList<string>> ArgsOfAsync(IDistributedApplicationTestingBuilder builder, HostingOptions options, IResource resource) =>
        (await ApplicationModel.TestModel.LaunchSpecAsync(builder, options, resource)).Args;
}
