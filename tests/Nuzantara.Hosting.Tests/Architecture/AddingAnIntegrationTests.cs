using System.Text.RegularExpressions;
using Nuzantara.Hosting.Tests.Integrations;
using YamlDotNet.RepresentationModel;

namespace Nuzantara.Hosting.Tests.Architecture;

/// <summary>
/// docs/architecture.md's "Adding one: MySQL" is the code in <c>MySqlExample/</c>, compiled here: an integration written
/// outside the core, with annotations only, publishes a service with its health check, its data volume and its
/// Kubernetes requests, and its connection string reaches what references it.
/// </summary>
public sealed partial class AddingAnIntegrationTests
{
    private static readonly string ExampleFolder = Path.Combine(Repository.Root, "tests", "Nuzantara.Hosting.Tests", "Architecture", "MySqlExample");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_example_in_the_docs_is_the_code_compiled_here()
    {
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "architecture.md"));
        var section = docs[docs.IndexOf("## Adding one: MySQL", StringComparison.Ordinal)..];
        var blocks = CSharpBlock().Matches(section).Take(2).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(File.ReadAllText(Path.Combine(ExampleFolder, "MySqlServerResource.cs")), blocks[0]);
        Assert.Equal(File.ReadAllText(Path.Combine(ExampleFolder, "MySqlBuilderExtensions.cs")), blocks[1]);
    }

    [Fact]
    public async Task Compose_publishes_it_with_its_health_check_data_volume_and_password_from_env()
    {
        await using var model = PublishedModel.For("docker-compose");
        var mysql = model.Builder.AddMySql("mysql");
        model.Builder.AddContainer("app", "docker.io/library/busybox", "1.37").WithReference(mysql);

        await model.PublishAsync(Token);

        var services = (YamlMappingNode)Yaml(model.Read("docker-compose.yaml"))["services"];
        var service = (YamlMappingNode)services["mysql"];
        Assert.Equal("docker.io/library/mysql:8.4", service["image"].ToString());
        Assert.Equal("${MYSQL_PASSWORD:?set MYSQL_PASSWORD in .env}", ((YamlMappingNode)service["environment"])["MYSQL_ROOT_PASSWORD"].ToString());
        Assert.Contains("mysql-data:/var/lib/mysql", ((YamlSequenceNode)service["volumes"]).Select(v => v.ToString()));
        // $$: Compose leaves the variable to the container's shell instead of filling it in from .env.
        Assert.Equal(["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 -P 3306 -uroot -p\"$$MYSQL_ROOT_PASSWORD\" --silent"],
            ((YamlSequenceNode)((YamlMappingNode)service["healthcheck"])["test"]).Select(t => t.ToString()));
        Assert.Equal("Server=mysql;Port=3306;User ID=root;Password=${MYSQL_PASSWORD:?set MYSQL_PASSWORD in .env}",
            ((YamlMappingNode)((YamlMappingNode)services["app"])["environment"])["ConnectionStrings__mysql"].ToString());
    }

    [Fact]
    public async Task Kubernetes_gets_its_resource_requests()
    {
        await using var model = PublishedModel.For("kubernetes");
        model.Builder.AddMySql("mysql");

        await model.PublishAsync(Token);

        var workload = model.Read("mysql.yaml");
        Assert.Contains("cpu: 250m", workload);
        Assert.Contains("memory: 512Mi", workload);
        Assert.Contains("mysqladmin ping", workload);
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
