using Nuzantara.Hosting.Orchestration.Process;
using YamlDotNet.RepresentationModel;

namespace Nuzantara.Publishing.Tests;

public sealed class DockerComposeTests(PublishedOutputs outputs)
{
    [Fact]
    public void The_compose_files_match_their_snapshot() => Snapshot.Match(outputs, "docker-compose");

    [Fact]
    public async Task Docker_compose_accepts_the_file_once_the_secrets_are_filled_in()
    {
        await Tools.EnsureDockerComposeAsync();
        var directory = outputs.FilledInComposeCopy();

        var result = await CommandRunner.RunAsync("docker-compose", ["config"], TestContext.Current.CancellationToken, workingDirectory: directory);

        Assert.True(result.ExitCode == 0, result.Output);
        var services = (YamlMappingNode)Load(result.Output)["services"];
        Assert.Equal(
            ["alertmanager", "alloy", "aspire-dashboard", "backend", "cadvisor", "node-exporter", "orchestrator", "postgres", "postgres-exporter", "prometheus", "python-backend", "redis", "redis-exporter"],
            services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.All(services.Children.Values, s => Assert.Contains("aspire", ((YamlMappingNode)((YamlMappingNode)s)["networks"]).Children.Keys.Select(k => k.ToString())));
    }

    [Fact]
    public async Task Docker_compose_refuses_to_run_with_a_secret_left_empty_and_says_which()
    {
        await Tools.EnsureDockerComposeAsync();

        var result = await CommandRunner.RunAsync("docker-compose", ["config"], TestContext.Current.CancellationToken, workingDirectory: outputs.OutputOf("docker-compose"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("PASSWORD in .env", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitFor_becomes_depends_on_service_healthy_and_WaitForStart_service_started()
    {
        var services = (YamlMappingNode)Load(outputs.FilesOf("docker-compose")["docker-compose.yaml"])["services"];
        YamlMappingNode Service(string name) => (YamlMappingNode)services[name];
        string Condition(string service, string dependency) => ((YamlMappingNode)((YamlMappingNode)Service(service)["depends_on"])[dependency])["condition"].ToString();

        Assert.Equal("service_healthy", Condition("backend", "redis"));
        Assert.Equal("service_healthy", Condition("backend", "postgres"));
        Assert.Equal("service_started", Condition("orchestrator", "backend"));
        Assert.Equal("service_started", Condition("orchestrator", "python-backend"));
        Assert.All(["redis", "postgres", "backend", "python-backend", "orchestrator"], name => Assert.True(Service(name).Children.ContainsKey("healthcheck"), name));
        Assert.Contains("postgres-data:/var/lib/postgresql/data", ((YamlSequenceNode)Service("postgres")["volumes"]).Select(v => v.ToString()));
        Assert.Equal("http://aspire-dashboard:18889", ((YamlMappingNode)Service("backend")["environment"])["OTEL_EXPORTER_OTLP_ENDPOINT"].ToString());
        Assert.Equal("http://backend:8080", ((YamlMappingNode)Service("orchestrator")["environment"])["services__backend__http__0"].ToString());
    }

    [Fact]
    public void The_env_file_names_every_parameter_and_image_without_a_secret_value()
    {
        var env = outputs.FilesOf("docker-compose")[".env"].Split('\n').Where(l => l.Contains('=') && !l.StartsWith('#')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

        Assert.Equal("", env["REDIS_PASSWORD"]);
        Assert.Equal("", env["POSTGRES_PASSWORD"]);
        Assert.Equal("", env["GRAFANA_API_KEY"]);
        Assert.Equal("", env["SENTRY_DSN"]);
        Assert.Equal("backend:latest", env["BACKEND_IMAGE"]);
        Assert.Equal("orchestrator:latest", env["ORCHESTRATOR_IMAGE"]);
        Assert.Equal("python-backend:latest", env["PYTHON_BACKEND_IMAGE"]);
        // The host ports, the model's by default, for the operator to move (docker-compose.yaml reads ${…:-default}).
        Assert.Equal("3000", env["ORCHESTRATOR_HTTP_HOST_PORT"]);
        Assert.Equal("18888", env["ASPIRE_DASHBOARD_HTTP_HOST_PORT"]);
    }

    [Fact]
    public async Task Secrets_filled_into_the_env_file_survive_publishing_again()
    {
        var directory = outputs.FilledInComposeCopy();

        var result = await AppHostProcess.RunAsync("--publisher", "docker-compose", "--output-path", directory, "--Nuzantara:SecretsPath", outputs.SecretsPath);

        Assert.True(result.ExitCode == 0, result.Output);
        var env = await File.ReadAllLinesAsync(Path.Combine(directory, ".env"), TestContext.Current.CancellationToken);
        Assert.Contains("REDIS_PASSWORD=filled-in-by-the-test", env);
        Assert.Contains("POSTGRES_PASSWORD=filled-in-by-the-test", env);
    }

    /// <summary>A copy of the output, with the secrets a user would fill in and the build context resolved from the copy.</summary>
    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
