namespace Nuzantara.Hosting.Tests.Integrations;

public sealed class ExecutablePublishingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> NodeApp = new()
    {
        ["server.js"] = "require('node:http').createServer((_, res) => res.end('ok')).listen(Number(process.env.PORT));\n",
        ["package.json"] = """{ "name": "shop", "version": "1.0.0", "scripts": { "start": "node server.js" } }""",
    };

    [Fact]
    public async Task JavaScript_apps_are_written_as_their_image_and_executables_as_executable_v0_as_Aspire_13_6_writes_them()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("shop", NodeApp);
        var api = model.Builder.AddNodeApp("api", directory, "server.js").WithHttpEndpoint(env: "PORT");
        model.Builder.AddJavaScriptApp("web", directory, "start").WithHttpEndpoint(env: "PORT").WithExternalHttpEndpoints().WithReference(api).WaitFor(api);
        model.Builder.AddExecutable("cleanup", "find", directory, "-name", "*.tmp", "-delete");

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
        Assert.Equal("""
            {
              "$schema": "https://json.schemastore.org/aspire-8.0.json",
              "resources": {
                "api": {
                  "type": "container.v1",
                  "build": {
                    "context": "../shop",
                    "dockerfile": "api.Dockerfile"
                  },
                  "env": {
                    "PORT": "{api.bindings.http.targetPort}",
                    "NODE_ENV": "production"
                  },
                  "bindings": {
                    "http": {
                      "scheme": "http",
                      "protocol": "tcp",
                      "transport": "http",
                      "targetPort": 8000
                    }
                  }
                },
                "web": {
                  "type": "container.v1",
                  "build": {
                    "context": "../shop",
                    "dockerfile": "web.Dockerfile",
                    "buildOnly": true
                  },
                  "env": {
                    "PORT": "{web.bindings.http.targetPort}",
                    "NODE_ENV": "production",
                    "services__api__http__0": "{api.bindings.http.url}",
                    "API_HTTP": "{api.bindings.http.url}"
                  },
                  "bindings": {
                    "http": {
                      "scheme": "http",
                      "protocol": "tcp",
                      "transport": "http",
                      "targetPort": 8001,
                      "external": true
                    }
                  }
                },
                "cleanup": {
                  "type": "executable.v0",
                  "command": "find",
                  "workingDirectory": "../shop",
                  "args": [
                    "-name",
                    "*.tmp",
                    "-delete"
                  ]
                }
              }
            }
            """ + "\n", manifest);
    }

    [Theory]
    [InlineData("docker-compose")]
    [InlineData("kubernetes")]
    public async Task Compose_and_Kubernetes_refuse_an_executable_naming_it_and_PublishAsDockerFile(string publisher)
    {
        await using var model = PublishedModel.For(publisher);
        var directory = model.App("shop", NodeApp);
        model.Builder.AddExecutable("api", "node", directory, "server.js").WithHttpEndpoint(env: "PORT");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => model.PublishAsync(Token));

        Assert.StartsWith($"'api' runs 'node' as a process (an executable), which {publisher} cannot deploy", error.Message);
        Assert.Contains($"Call PublishAsDockerFile() on it to publish it as the image built from {Path.Combine(directory, "Dockerfile")}", error.Message);
        Assert.False(Directory.Exists(model.Output) && Directory.EnumerateFileSystemEntries(model.Output).Any(), "nothing is written");
    }

    [Fact]
    public async Task Compose_builds_a_Node_app_s_image_from_its_generated_Dockerfile_without_PublishAsDockerFile()
    {
        await using var model = PublishedModel.For("docker-compose");
        var directory = model.App("shop", NodeApp);
        model.Builder.AddNodeApp("api", directory, "server.js").WithHttpEndpoint(env: "PORT");

        await model.PublishAsync(Token);

        Assert.Contains("""
              api:
                image: ${API_IMAGE}
                build:
                  context: ../shop
            """, model.Read("docker-compose.yaml"));
        Assert.Contains("ENTRYPOINT [\"node\",\"server.js\"]", model.Read("api.Dockerfile"));
    }
}
