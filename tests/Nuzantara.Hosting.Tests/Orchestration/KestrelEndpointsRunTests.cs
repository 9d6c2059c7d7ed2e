using System.Globalization;
using System.Net.Sockets;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Tests.Orchestration;

/// <summary>
/// A real web project whose appsettings.json declares Kestrel endpoints: the AppHost gives it one endpoint per Kestrel
/// endpoint and, through <c>Kestrel__Endpoints__{name}__Url</c>, makes it listen where the model says (the testing
/// builder moves every port), as in Aspire.
/// </summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class KestrelEndpointsRunTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_Kestrel_endpoint_is_an_endpoint_the_process_answers_on_at_the_port_the_model_gives_it()
    {
        var (publicInSettings, internalInSettings, launchProfilePort) = (PortAllocator.FreePort(), PortAllocator.FreePort(), PortAllocator.FreePort());
        File.WriteAllText(Path.Combine(WhoAmIWithKestrelSettings.Folder, "appsettings.json"), $$"""
            { "Kestrel": { "Endpoints": {
                "Public": { "Url": "http://localhost:{{publicInSettings}}" },
                "Internal": { "Url": "http://127.0.0.1:{{internalInSettings}}" } } } }
            """);
        Directory.CreateDirectory(Path.Combine(WhoAmIWithKestrelSettings.Folder, "Properties"));
        File.WriteAllText(Path.Combine(WhoAmIWithKestrelSettings.Folder, "Properties", "launchSettings.json"), $$"""
            { "profiles": { "http": { "commandName": "Project", "applicationUrl": "http://localhost:{{launchProfilePort}}" } } }
            """);
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        var api = builder.AddProject<WhoAmIWithKestrelSettings>("api");

        Assert.Equal(["Internal", "Public"], api.Resource.GetEndpoints().Select(e => e.Name).Order());
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceAsync("api", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var environment = app.ResourceNotifications.GetSnapshot("api")!.Environment;
        foreach (var (name, host) in new[] { ("Public", "localhost"), ("Internal", "127.0.0.1") })
        {
            var endpoint = app.GetEndpoint("api", name);
            var answer = await Eventually.ReadAsync(() => GetOrErrorAsync(http, endpoint), a => !a.StartsWith("error", StringComparison.Ordinal), Timeout, a => $"{name} at {endpoint}: {a}");
            Assert.Equal(endpoint.Port.ToString(CultureInfo.InvariantCulture), answer.Split(' ')[1]);
            Assert.Equal($"http://{host}:{endpoint.Port}", environment[$"Kestrel__Endpoints__{name}__Url"]);
        }

        Assert.False(environment.ContainsKey("ASPNETCORE_URLS"));
        foreach (var port in new[] { publicInSettings, internalInSettings, launchProfilePort })
        {
            Assert.False(await AcceptsAsync(port), $"the process listens on {port}, a port of its settings or launch profile, not the model's");
        }
    }

    private static async Task<string> GetOrErrorAsync(HttpClient http, Uri endpoint)
    {
        try
        {
            return await http.GetStringAsync(endpoint, Token);
        }
        catch (HttpRequestException ex)
        {
            return $"error: {ex.Message}";
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => Directory.Delete(WhoAmIWithKestrelSettings.Folder, recursive: true);

    /// <summary>The WhoAmI fixture's build, run from a folder of the test's own whose settings hold the Kestrel endpoints.</summary>
    private sealed class WhoAmIWithKestrelSettings : IProjectMetadata
    {
        public static readonly string Folder = Directory.CreateTempSubdirectory("nuzantara-kestrel-run-").FullName;

        public string ProjectPath => Path.Combine(Folder, "WhoAmI.csproj");

        public string TargetPath => new Projects.Nuzantara_Fixtures_WhoAmI().TargetPath;
    }
}
