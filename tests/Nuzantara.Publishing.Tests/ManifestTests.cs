using System.Text.Json.Nodes;
using NJsonSchema;
using Nuzantara.Hosting.Publishing.Manifest;

namespace Nuzantara.Publishing.Tests;

public sealed class ManifestTests(PublishedOutputs outputs)
{
    private JsonObject Manifest => JsonNode.Parse(outputs.FilesOf("manifest")["aspire-manifest.json"])!.AsObject();

    private JsonObject Resource(string name) => Manifest["resources"]![name]!.AsObject();

    [Fact]
    public void The_manifest_matches_its_snapshot() => Snapshot.Match(outputs, "manifest");

    [Fact]
    public async Task The_manifest_is_valid_against_the_shipped_aspire_8_schema()
    {
        var schema = await JsonSchema.FromJsonAsync(ManifestSchema.Read(), TestContext.Current.CancellationToken);

        var errors = schema.Validate(outputs.FilesOf("manifest")["aspire-manifest.json"]);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
    }

    [Fact]
    public async Task The_schema_rejects_a_manifest_that_azd_could_not_read()
    {
        var schema = await JsonSchema.FromJsonAsync(ManifestSchema.Read(), TestContext.Current.CancellationToken);
        var manifest = Manifest;
        manifest["resources"]!["backend"]!["path"] = "/home/someone/Nuzantara.Backend.csproj";
        manifest["resources"]!["redis"]!["image"] = null;
        manifest["resources"]!["postgres"]!["bindings"]!["tcp"]!["protocol"] = "sctp";
        // azd uploads a bind mount's source: the root of the publishing machine must never be one.
        manifest["resources"]!["node-exporter"]!["bindMounts"] = new JsonArray(new JsonObject { ["source"] = "/", ["target"] = "/host", ["readOnly"] = true });

        var errors = schema.Validate(manifest.ToJsonString());

        Assert.Equal(["backend", "node-exporter", "postgres", "redis"], errors.Select(e => e.Path!.Split('.')[1]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_resource_has_the_type_azd_expects()
    {
        var types = Manifest["resources"]!.AsObject().ToDictionary(r => r.Key, r => (string?)r.Value!["type"]);

        Assert.Equal("project.v0", types["backend"]);
        Assert.Equal("project.v0", types["orchestrator"]);
        Assert.Equal("container.v1", types["python-backend"]);
        Assert.Equal("value.v0", types["nuzantara"]);
        Assert.Equal("parameter.v0", types["redis-password"]);
        Assert.Equal("parameter.v0", types["postgres-password"]);
        Assert.All(["redis", "postgres", "prometheus", "alertmanager", "node-exporter", "redis-exporter", "postgres-exporter", "cadvisor"],
            name => Assert.Equal("container.v0", types[name]));
    }

    [Fact]
    public void References_are_manifest_expressions_never_values_of_this_machine()
    {
        var backend = Resource("backend")["env"]!.AsObject();
        var orchestrator = Resource("orchestrator")["env"]!.AsObject();

        Assert.Equal("{redis.connectionString}", (string?)backend["ConnectionStrings__redis"]);
        Assert.Equal("{nuzantara.connectionString}", (string?)backend["ConnectionStrings__nuzantara"]);
        Assert.Equal("{backend.bindings.http.url}", (string?)orchestrator["services__backend__http__0"]);
        Assert.Equal("{python-backend.bindings.http.url}", (string?)orchestrator["services__python-backend__http__0"]);
        Assert.Equal("{postgres.connectionString};Database=nuzantara", (string?)Resource("nuzantara")["connectionString"]);
        Assert.Equal("{redis.bindings.tcp.host}:{redis.bindings.tcp.port},password={redis-password.value}", (string?)Resource("redis")["connectionString"]);
        var text = outputs.FilesOf("manifest")["aspire-manifest.json"];
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Projects_get_the_publish_settings_not_their_development_launch_profile()
    {
        var backend = Resource("backend")["env"]!.AsObject();

        Assert.Equal("{backend.bindings.http.targetPort}", (string?)backend["HTTP_PORTS"]);
        Assert.Equal("true", (string?)backend["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        Assert.False(backend.ContainsKey("ASPNETCORE_ENVIRONMENT"));
        Assert.False(backend.ContainsKey("ASPNETCORE_URLS"));
        Assert.True((bool)Resource("orchestrator")["bindings"]!["http"]!["external"]!);
    }

    [Fact]
    public void Secrets_are_parameters_that_the_deployment_tool_generates()
    {
        var input = Resource("redis-password")["inputs"]!["value"]!;

        Assert.Equal("{redis-password.inputs.value}", (string?)Resource("redis-password")["value"]);
        Assert.True((bool)input["secret"]!);
        Assert.Equal(22, (int)input["default"]!["generate"]!["minLength"]!);
        Assert.Equal("{redis-password.value}", (string?)Resource("redis")["env"]!["REDIS_PASSWORD"]);
    }

    [Fact]
    public void Project_and_dockerfile_paths_are_relative_to_the_manifest_and_exist()
    {
        var directory = outputs.OutputOf("manifest");

        foreach (var path in new[] { (string)Resource("backend")["path"]!, (string)Resource("orchestrator")["path"]!, (string)Resource("python-backend")["build"]!["dockerfile"]! })
        {
            Assert.False(Path.IsPathRooted(path), path);
            Assert.True(File.Exists(Path.Combine(directory, path)), $"{path} does not resolve from {directory}");
        }

        Assert.True(Directory.Exists(Path.Combine(directory, (string)Resource("python-backend")["build"]!["context"]!)));
    }

    [Fact]
    public void Configuration_files_are_written_beside_the_manifest_and_bind_mounted_from_there()
    {
        var directory = outputs.OutputOf("manifest");
        var mounts = new[] { "prometheus", "alertmanager", "postgres" }
            .SelectMany(name => Resource(name)["bindMounts"]!.AsArray().Select(m => (string)m!["source"]!))
            .ToList();

        Assert.Contains("prometheus/prometheus.yml", mounts);
        Assert.Contains("alertmanager/alertmanager.yml", mounts);
        // Secret files are the user's to provide (docs/deploy.md): publishing never writes them.
        Assert.All(mounts.Where(m => !m.StartsWith("secrets/", StringComparison.Ordinal)), source => Assert.True(
            File.Exists(Path.Combine(directory, source)) || Directory.Exists(Path.Combine(directory, source)), $"{source} is mounted but was not written"));
        Assert.All(mounts.Where(m => m.StartsWith("secrets/", StringComparison.Ordinal)), source => Assert.False(File.Exists(Path.Combine(directory, source)), $"{source} was written"));
        var prometheus = File.ReadAllText(Path.Combine(directory, "prometheus/prometheus.yml"));
        Assert.Contains("backend:8080", prometheus, StringComparison.Ordinal);
        Assert.Contains("alertmanager:9093", prometheus, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_has_no_volume_the_model_did_not_declare()
    {
        // As Aspire's manifest: the AppHost gives it no data volume, so the deployment decides (Compose and Kubernetes keep one by default).
        Assert.Null(Resource("postgres")["volumes"]);
    }

    [Fact]
    public async Task A_json_output_path_is_the_manifest_file_itself_as_azd_passes_it()
    {
        var file = Path.Combine(outputs.Root, "azd-provision", "apphost-manifest.json");

        var result = await AppHostProcess.RunAsync("--publisher", "manifest", "--output-path", file, "--Nuzantara:SecretsPath", outputs.SecretsPath);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Published manifest to: " + file, result.Output, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(file))!["resources"]!["backend"]);
    }
}
