using HealthChecks.Redis;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Publishing;

namespace Aspire.Hosting;

public static partial class RedisBuilderExtensions
{
    private const int ImagePort = 6379;

    private const string DataDirectory = "/data";

    /// <summary>
    /// Redis with a generated password (<c>requirepass</c>); no persistence unless <see cref="WithPersistence"/> (which
    /// <see cref="WithDataVolume(IResourceBuilder{RedisResource}, string, bool)"/> and
    /// <see cref="WithDataBindMount(IResourceBuilder{RedisResource}, string, bool)"/> imply). Without
    /// <paramref name="port"/> it listens on a free port, as in Aspire, so that two of them never collide.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null,
        IResourceBuilder<ParameterResource>? password = null)
    {
        var redis = new RedisResource(name, password?.Resource ?? builder.AddGeneratedPassword(name));
        return builder.AddResource(redis)
            .WithEndpoint(port: port, targetPort: ImagePort, scheme: "redis", name: RedisResource.PrimaryEndpointName)
            .WithImage("docker.io/library/redis", "7.4")
            // Read when the container starts, so that a later WithPassword is the one it gets.
            .WithEnvironment(context => context.EnvironmentVariables["REDIS_PASSWORD"] = redis.PasswordParameter)
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
                    NativePaths.ClearAnonymousVolumes(context);
                    // The image declares /data a volume: without a mount of the model's, Redis writes to an anonymous one.
                    var dataDirectory = NativePaths.DataDirectory(context, redis.DataMount(DataDirectory) ?? new ContainerMountAnnotation(null, DataDirectory, ContainerMountType.Volume, isReadOnly: false));
                    var save = redis.TryGetLastAnnotation<RedisPersistenceAnnotation>(out var persistence) ? persistence.SaveArguments : "\"\"";
                    var config = $"""
                        bind {endpoint.Host}
                        port {endpoint.Allocated.TargetPort}
                        protected-mode yes
                        daemonize no
                        requirepass {RedisConfigString(redis.PasswordParameter.Value)}
                        dir {dataDirectory}
                        save {save}
                        appendonly no
                        """;
                    await NativePaths.WriteSecretFileAsync(Path.Combine(context.StateDirectory, "redis.conf"), config, context.CancellationToken).ConfigureAwait(false);
                },
                Configure = context =>
                {
                    context.Args.Add(Path.Combine(context.StateDirectory, "redis.conf"));
                    return Task.CompletedTask;
                },
            })
            .WithHealthCheck($"{name}_redis_ping", _ => new RedisHealthCheck(redis.ConnectionStringExpression.ResolveNow() + ",connectTimeout=500,syncTimeout=1000"))
            // REDIS_PASSWORD is the variable the container's entrypoint gives to --requirepass.
            .WithAnnotation(new ContainerHealthCommandAnnotation(RedisResource.PrimaryEndpointName,
                port => $"redis-cli -p {port} -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG"))
            .WithAnnotation(new KubernetesResourceRequestsAnnotation("100m", "256Mi"));
    }

    /// <summary>
    /// Keeps Redis' data in a volume named as Aspire names it unless <paramref name="name"/> is given, with
    /// persistence (a snapshot every 60 s when a key changed) unless the volume is read-only.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithDataVolume(this IResourceBuilder<RedisResource> builder, string? name = null, bool isReadOnly = false)
    {
        builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataDirectory, isReadOnly);
        return isReadOnly ? builder : builder.WithPersistence();
    }

    /// <summary>
    /// Keeps Redis' data in <paramref name="source"/> (relative to the AppHost folder), with persistence unless the
    /// mount is read-only; natively Redis uses the folder itself.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithDataBindMount(this IResourceBuilder<RedisResource> builder, string source, bool isReadOnly = false)
    {
        builder.WithBindMount(source, DataDirectory, isReadOnly);
        return isReadOnly ? builder : builder.WithPersistence();
    }

    /// <summary>
    /// Redis snapshots its data every <paramref name="interval"/> (60 s by default) when at least
    /// <paramref name="keysChangedThreshold"/> keys changed: <c>--save &lt;seconds&gt; &lt;keys&gt;</c>, natively the
    /// same <c>save</c> setting in its configuration file. The last call wins.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithPersistence(this IResourceBuilder<RedisResource> builder, TimeSpan? interval = null, long keysChangedThreshold = 1)
    {
        var persistence = new RedisPersistenceAnnotation(interval ?? TimeSpan.FromSeconds(60), keysChangedThreshold);
        return builder.WithAnnotation(persistence)
            .WithAnnotation(ContainerCommand($"redis-server --requirepass \"$REDIS_PASSWORD\" --save {persistence.SaveArguments}"));
    }

    /// <summary>A quoted redis.conf value: a password with spaces or quotes stays one argument.</summary>
    private static string RedisConfigString(string value) =>
        $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// The password comes from the environment through a shell, never the container's command line (which <c>docker
    /// inspect</c> shows); arguments given after it (<c>"$@"</c>: the listen address) are passed on to redis-server,
    /// which <c>exec</c> makes the container's PID 1 so that it gets the stop signal (a shell would not pass it on).
    /// </summary>
    private static ContainerEntrypointAnnotation ContainerCommand(string command) => new("/bin/sh", ["-c", $"exec {command} \"$@\"", "redis-server"]);
}
