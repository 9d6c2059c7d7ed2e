using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Nuzantara.ServiceDefaults.Clients;
using Nuzantara.ServiceDefaults.Health;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Redis and PostgreSQL clients from <c>ConnectionStrings:&lt;name&gt;</c>, with their health checks — the names of
/// Aspire's client integrations (Aspire.StackExchange.Redis, Aspire.Npgsql), which are not available here. Without
/// that connection string, the original system's <c>REDIS_URL</c> and <c>DATABASE_URL</c> (<see cref="ConnectionUrls"/>),
/// so a service runs with the original <c>.env</c> too; the AppHost's connection string wins when both are set.
/// </summary>
public static class ClientIntegrations
{
    /// <summary>How long one probe of a dependency may take before it counts as down (callers never wait this long: see SharedHealthCheck).</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A cache slower than this is treated as down and bypassed: waiting longer costs more than reading the database.</summary>
    private const int RedisCommandTimeoutMs = 1000;

    /// <summary>
    /// A shared <see cref="IConnectionMultiplexer"/>. Redis is a cache: the service starts and serves without it, and
    /// its absence makes the service degraded, not unready.
    /// </summary>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        var options = RedisOptions(builder.Configuration, connectionName);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, RedisCommandTimeoutMs);
        options.SyncTimeout = Math.Min(options.SyncTimeout, RedisCommandTimeoutMs);
        // While disconnected, fail commands at once rather than queue them for the reconnect: callers fall back to the database.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        builder.Services.AddSingleton(new RedisConnection(options));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<RedisConnection>().Multiplexer);
        builder.Services.AddHealthChecks().AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), HealthTags.Redis,
            HealthStatus.Degraded, [HealthTags.Redis], CheckTimeout);
        return builder;
    }

    /// <summary>A pooled <see cref="NpgsqlDataSource"/>; the database is needed to serve, so its check gates readiness.</summary>
    public static TBuilder AddNpgsqlDataSource<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        // A database that does not answer within seconds is down for this request: it gets a 503 now, not a hang.
        var connectionString = NpgsqlConnectionString(builder.Configuration, connectionName);
        connectionString.Timeout = Math.Min(connectionString.Timeout, 5);
        connectionString.CommandTimeout = Math.Min(connectionString.CommandTimeout, 10);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(HealthTags.Database,
            sp => new DatabaseHealthCheck(sp.GetRequiredService<NpgsqlDataSource>()), HealthStatus.Unhealthy, [HealthTags.Ready, HealthTags.Database], CheckTimeout));
        return builder;
    }

    internal static ConfigurationOptions RedisOptions(IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString
            ? ConfigurationOptions.Parse(connectionString)
            : configuration[ConnectionUrls.RedisVariable] is { Length: > 0 } url
                ? ConnectionUrls.ParseRedis(url)
                : throw Missing(connectionName, ConnectionUrls.RedisVariable, ConnectionUrls.RedisForm);

    internal static NpgsqlConnectionStringBuilder NpgsqlConnectionString(IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString
            ? new NpgsqlConnectionStringBuilder(connectionString)
            : configuration[ConnectionUrls.DatabaseVariable] is { Length: > 0 } url
                ? ConnectionUrls.ParsePostgres(url)
                : throw Missing(connectionName, ConnectionUrls.DatabaseVariable, ConnectionUrls.DatabaseForm);

    private static InvalidOperationException Missing(string connectionName, string urlVariable, string urlForm) =>
        new($"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost injects it " +
            $"through WithReference) or {urlVariable} ({urlForm}).");
}
