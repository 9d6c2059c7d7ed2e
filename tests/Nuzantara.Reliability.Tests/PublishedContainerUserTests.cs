using YamlDotNet.RepresentationModel;

namespace Nuzantara.Reliability.Tests;

/// <summary>
/// The Docker Compose and Kubernetes outputs run every container as a non-root user where its image allows one, and say
/// so in the file (a cluster enforcing runAsNonRoot must be able to verify it). PostgreSQL and Redis start as root to take
/// ownership of their data directory and drop privileges themselves; cAdvisor reads the host as root.
/// </summary>
public sealed class PublishedContainerUserTests
{
    private static readonly string[] NeedRoot = ["postgres", "redis", "cadvisor"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compose_services_and_kubernetes_containers_run_as_non_root_except_those_whose_image_needs_root()
    {
        var root = Directory.CreateTempSubdirectory("nuzantara-published-");
        try
        {
            await PublishedOutputs.PublishAllAsync(root.FullName, Path.Combine(root.FullName, "secrets.json"));

            var compose = Documents(Path.Combine(root.FullName, "docker-compose", "docker-compose.yaml")).Single();
            var services = (YamlMappingNode)compose["services"];
            Assert.True(services.Children.Count >= 10, $"only {services.Children.Count} services published");
            foreach (var (name, service) in services.Children.Select(s => (s.Key.ToString(), (YamlMappingNode)s.Value)))
            {
                var user = service.Children.TryGetValue("user", out var value) ? value.ToString() : null;
                if (NeedRoot.Contains(name))
                {
                    Assert.True(user is null, $"compose service {name} runs as {user}, but its image needs root to start");
                }
                else
                {
                    Assert.True(user is not null && long.Parse(user.Split(':')[0]) > 0, $"compose service {name} runs as '{user ?? "the image's user"}'");
                }
            }

            var workloads = Directory.EnumerateFiles(Path.Combine(root.FullName, "kubernetes"), "*.yaml")
                .SelectMany(Documents)
                .Where(d => d.Children.TryGetValue("kind", out var kind) && kind.ToString() is "Deployment" or "StatefulSet" or "DaemonSet")
                .ToList();
            Assert.True(workloads.Count >= 10, $"only {workloads.Count} Kubernetes workloads published");
            foreach (var workload in workloads)
            {
                var name = workload["metadata"]["name"].ToString();
                var container = (YamlMappingNode)((YamlSequenceNode)workload["spec"]["template"]["spec"]["containers"]).Children.Single();
                var context = container.Children.TryGetValue("securityContext", out var found) ? (YamlMappingNode)found : null;
                if (NeedRoot.Contains(name))
                {
                    Assert.True(context is null, $"{name}: its image needs root to start, yet it has a securityContext");
                    continue;
                }

                Assert.True(context is not null, $"{name} has no securityContext");
                Assert.Equal("true", context["runAsNonRoot"].ToString());
                Assert.True(long.Parse(context["runAsUser"].ToString()) > 0, $"{name} runs as uid {context["runAsUser"]}");
                Assert.Equal("false", context["allowPrivilegeEscalation"].ToString());
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static IEnumerable<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>();
    }
}
