using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.Publishing;

/// <summary>ExcludeFromManifest: a resource that runs locally (a database browser, a seeding job) is in no published output.</summary>
public sealed class ExcludeFromManifestTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("manifest", "aspire-manifest.json")]
    [InlineData("docker-compose", "docker-compose.yaml")]
    public async Task The_excluded_resource_and_waits_on_it_are_left_out_and_the_rest_is_published(string publisher, string file)
    {
        var output = Directory.CreateTempSubdirectory("nuzantara-exclude-").FullName;
        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create("--publisher", publisher, "--output-path", output);
            var cache = builder.AddContainer("cache", "docker.io/library/redis", "7.4");
            var browser = builder.AddContainer("cache-browser", "docker.io/redis/redisinsight", "2.60").ExcludeFromManifest();
            builder.AddContainer("worker", "docker.io/library/busybox", "1.37").WaitFor(cache).WaitFor(browser);
            await using var app = await builder.BuildAsync(Token);

            await app.StartAsync(Token);

            var published = await File.ReadAllTextAsync(Path.Combine(output, file), Token);
            Assert.Contains("worker", published);
            Assert.Contains("cache", published);
            Assert.DoesNotContain("cache-browser", published);
            Assert.DoesNotContain("redisinsight", published);
            if (publisher == "manifest")
            {
                var resources = JsonDocument.Parse(published).RootElement.GetProperty("resources");
                Assert.Equal(["cache", "worker"], resources.EnumerateObject().Select(r => r.Name).Order());
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
