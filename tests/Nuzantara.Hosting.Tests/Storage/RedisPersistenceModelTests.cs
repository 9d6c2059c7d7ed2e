using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Tests.ApplicationModel;

namespace Nuzantara.Hosting.Tests.Storage;

/// <summary>Redis' persistence in the container: redis-server's <c>--save &lt;seconds&gt; &lt;keys&gt;</c>.</summary>
public sealed class RedisPersistenceModelTests
{
    [Fact]
    public async Task WithPersistence_passes_save_to_redis_server_and_the_last_call_wins()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("cache").WithDataVolume().WithPersistence(TimeSpan.FromMinutes(5), keysChangedThreshold: 100);
        var options = TestModel.Resolve(builder);

        var container = ContainerSpecBuilder.Build(redis.Resource, await TestModel.LaunchSpecAsync(builder, options, redis.Resource), options, "0a1b2c3d");

        var command = string.Join(' ', container.Cmd);
        Assert.Contains("--save 300 100", command);
        Assert.DoesNotContain("--save 60 1", command);
    }

    [Fact]
    public void A_read_only_data_volume_or_bind_mount_leaves_persistence_off()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        var fromVolume = builder.AddRedis("a").WithDataVolume(isReadOnly: true);
        var fromFolder = builder.AddRedis("b").WithDataBindMount("/tmp", isReadOnly: true);
        var written = builder.AddRedis("c").WithDataVolume();

        Assert.Empty(fromVolume.Resource.OfAnnotation<RedisPersistenceAnnotation>());
        Assert.Empty(fromFolder.Resource.OfAnnotation<RedisPersistenceAnnotation>());
        Assert.Equal("60 1", written.Resource.OfAnnotation<RedisPersistenceAnnotation>().Last().SaveArguments);
        Assert.True(fromVolume.Resource.OfAnnotation<ContainerMountAnnotation>().Single().IsReadOnly);
    }
}
