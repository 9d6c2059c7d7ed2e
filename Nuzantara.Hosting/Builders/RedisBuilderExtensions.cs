using HealthChecks.Redis;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;

namespace Aspire.Hosting;

public static class RedisBuilderExtensions
{
    private const int ImagePort = 6379;

    /// <summary>
    /// Redis with a generated password (<c>requirepass</c>); no persistence unless <see cref="WithDataVolume"/>. Without
    /// <paramref name="port"/> it listens on a free port, as in Aspire, so that two of them never collide.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null,
        IResourceBuilder<ParameterResource>? password = null)
    {
        var redis = new RedisResource(name, password?.Resource ?? builder.AddGeneratedPassword(name));
        return builder.AddResource(redis)
            .WithEndpoint(port: port, targetPort: ImagePort, name: RedisResource.PrimaryEndpointName)
            .WithImage("docker.io/library/redis", "7.4")
            .WithEnvironment("REDIS_PASSWORD", redis.PasswordParameter)
            .WithAnnotation(ContainerCommand("redis-server --requirepass \"$REDIS_PASSWORD\""))
            .WithAnnotation(new ContainerArgsAnnotation(() =>
                ["--bind", redis.PrimaryEndpoint.Host, "--port", redis.PrimaryEndpoint.Allocated.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                ListensOnAllocatedPorts = true,
            })
            .WithAnnotation(new RequiredPackagesAnnotation("redis-server", ["redis-server"]))
            .WithAnnotation(new NativeRecipeAnnotation("redis-server")
            {
                // The password goes into a 0600 config file, not the command line, where any local user could read it.
                Prepare = async context =>
                {
                    var endpoint = redis.PrimaryEndpoint;
                    var dataDirectory = redis.DataVolume("/data") is { } volume ? NativePaths.Volume(context, volume) : null;
                    var config = $"""
                        bind {endpoint.Host}
                        port {endpoint.Allocated.TargetPort}
                        protected-mode yes
                        daemonize no
                        requirepass {redis.PasswordParameter.Value}
                        {(dataDirectory is null ? "save \"\"\nappendonly no" : $"dir {dataDirectory}\nsave 60 1")}
                        """;
                    await NativePaths.WriteSecretFileAsync(Path.Combine(context.StateDirectory, "redis.conf"), config, context.CancellationToken);
                },
                Configure = context =>
                {
                    context.Args.Add(Path.Combine(context.StateDirectory, "redis.conf"));
                    return Task.CompletedTask;
                },
            })
            .WithHealthCheck($"{name}_redis_ping", _ => new RedisHealthCheck(redis.ConnectionStringExpression.ResolveNow() + ",connectTimeout=500,syncTimeout=1000"));
    }

    /// <summary>Persists Redis data (snapshot every 60 s when a key changed) across restarts.</summary>
    public static IResourceBuilder<RedisResource> WithDataVolume(this IResourceBuilder<RedisResource> builder, string? name = null) =>
        builder.WithVolume(name, "/data")
            .WithAnnotation(ContainerCommand("redis-server --requirepass \"$REDIS_PASSWORD\" --save 60 1"));

    /// <summary>
    /// The password comes from the environment through a shell, never the container's command line (which <c>docker
    /// inspect</c> shows); arguments given after it (<c>"$@"</c>: the listen address) are passed on to redis-server,
    /// which <c>exec</c> makes the container's PID 1 so that it gets the stop signal (a shell would not pass it on).
    /// </summary>
    private static ContainerEntrypointAnnotation ContainerCommand(string command) => new("/bin/sh", ["-c", $"exec {command} \"$@\"", "redis-server"]);
}
