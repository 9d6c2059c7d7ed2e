using System.Globalization;
using System.Text;
using Aspire.Hosting.Redis;

namespace Aspire.Hosting;

public static partial class RedisBuilderExtensions
{
    /// <summary>
    /// Redis Commander (docker.io/rediscommander/redis-commander:latest, one for the whole application, named
    /// <paramref name="containerName"/> or <c>rediscommander</c>) with every Redis of the model in its REDIS_HOSTS, as in
    /// Aspire. It runs only in a container engine that has the image; later calls configure the same container.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithRedisCommander(this IResourceBuilder<RedisResource> builder, Action<IResourceBuilder<RedisCommanderResource>>? configureContainer = null, string? containerName = null)
    {
        var application = builder.ApplicationBuilder;
        if (application.Resources.OfType<RedisCommanderResource>().SingleOrDefault() is { } existing)
        {
            configureContainer?.Invoke(application.CreateResourceBuilder(existing));
            return builder;
        }

        var commander = application.AddResource(new RedisCommanderResource(containerName ?? "rediscommander"))
            .WithImage("docker.io/rediscommander/redis-commander", "latest")
            .WithHttpEndpoint(targetPort: 8081, name: "http")
            .WithEnvironment(context =>
            {
                var hosts = RedisCommanderHosts(application.Resources.OfType<RedisResource>());
                if (hosts.Length > 0)
                {
                    context.EnvironmentVariables["REDIS_HOSTS"] = hosts;
                }

                var endpoint = new EndpointReference((IResourceWithEndpoints)context.Resource, "http");
                context.EnvironmentVariables["ADDRESS"] = endpoint.Property(EndpointProperty.Host);
                context.EnvironmentVariables["PORT"] = endpoint.Property(EndpointProperty.TargetPort);
            })
            .ListensOnAllocatedPort(_ => [])
            .ExcludeFromManifest();
        configureContainer?.Invoke(commander);
        commander.RunsOnlyInContainer().WithAnnotation(new ResourceRelationshipAnnotation(builder.Resource, "RedisCommander"));
        return builder;
    }

    /// <summary>
    /// RedisInsight (docker.io/redis/redisinsight:3.0, one for the whole application, named <paramref name="containerName"/>
    /// or <c>redisinsight</c>) with every Redis of the model preconfigured (RI_REDIS_HOST1, RI_REDIS_PORT1,
    /// RI_REDIS_ALIAS1, RI_REDIS_PASSWORD1…), as in Aspire. It runs only in a container engine that has the image.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithRedisInsight(this IResourceBuilder<RedisResource> builder, Action<IResourceBuilder<RedisInsightResource>>? configureContainer = null, string? containerName = null)
    {
        var application = builder.ApplicationBuilder;
        if (application.Resources.OfType<RedisInsightResource>().SingleOrDefault() is { } existing)
        {
            configureContainer?.Invoke(application.CreateResourceBuilder(existing));
            return builder;
        }

        var insight = application.AddResource(new RedisInsightResource(containerName ?? "redisinsight"))
            .WithImage("docker.io/redis/redisinsight", "3.0")
            .WithHttpEndpoint(targetPort: 5540, name: "http")
            .WithEnvironment(context =>
            {
                var number = 1;
                foreach (var redis in application.Resources.OfType<RedisResource>())
                {
                    // Containers share the host's network here: each server where it listens, not its name and image port.
                    context.EnvironmentVariables[$"RI_REDIS_HOST{number}"] = redis.PrimaryEndpoint.Property(EndpointProperty.Host);
                    context.EnvironmentVariables[$"RI_REDIS_PORT{number}"] = redis.PrimaryEndpoint.Property(EndpointProperty.Port);
                    context.EnvironmentVariables[$"RI_REDIS_ALIAS{number}"] = redis.Name;
                    context.EnvironmentVariables[$"RI_REDIS_PASSWORD{number}"] = redis.PasswordParameter;
                    number++;
                }

                var endpoint = ((RedisInsightResource)context.Resource).PrimaryEndpoint;
                context.EnvironmentVariables["RI_APP_HOST"] = endpoint.Property(EndpointProperty.Host);
                context.EnvironmentVariables["RI_APP_PORT"] = endpoint.Property(EndpointProperty.TargetPort);
            })
            .ListensOnAllocatedPort(_ => [])
            .WithAnnotation(new ResourceRelationshipAnnotation(builder.Resource, "RedisInsight"))
            .ExcludeFromManifest();
        configureContainer?.Invoke(insight);
        insight.RunsOnlyInContainer();
        return builder;
    }

    public static IResourceBuilder<RedisCommanderResource> WithHostPort(this IResourceBuilder<RedisCommanderResource> builder, int? port) =>
        builder.WithEndpoint("http", endpoint => endpoint.Port = port);

    public static IResourceBuilder<RedisInsightResource> WithHostPort(this IResourceBuilder<RedisInsightResource> builder, int? port) =>
        builder.WithEndpoint("http", endpoint => endpoint.Port = port);

    /// <summary>Keeps RedisInsight's settings and saved connections in a volume named as Aspire names it unless <paramref name="name"/> is given.</summary>
    public static IResourceBuilder<RedisInsightResource> WithDataVolume(this IResourceBuilder<RedisInsightResource> builder, string? name = null) =>
        builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataDirectory);

    /// <summary>Keeps RedisInsight's settings and saved connections in <paramref name="source"/> (relative to the AppHost folder).</summary>
    public static IResourceBuilder<RedisInsightResource> WithDataBindMount(this IResourceBuilder<RedisInsightResource> builder, string source) =>
        builder.WithBindMount(source, DataDirectory);

    /// <summary>
    /// <c>alias:host:port:db:password</c> for each server, comma-separated: Redis Commander's REDIS_HOSTS. Each server is
    /// where it listens, since containers share the host's network here.
    /// </summary>
    internal static string RedisCommanderHosts(IEnumerable<RedisResource> servers)
    {
        var hosts = new StringBuilder();
        foreach (var redis in servers)
        {
            hosts.Append(hosts.Length > 0 ? "," : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"{redis.Name}:{redis.PrimaryEndpoint.Host}:{redis.PrimaryEndpoint.Port}:0:{redis.PasswordParameter.Value}");
        }

        return hosts.ToString();
    }
}
