using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Nuzantara.ServiceDefaults.Health;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Redis and PostgreSQL clients from <c>ConnectionStrings:&lt;name&gt;</c>, with their health checks — the names of
/// Aspire's client integrations (Aspire.StackExchange.Redis, Aspire.Npgsql), which are not available here.
/// </summary>
public static class ClientIntegrations
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A shared <see cref="IConnectionMultiplexer"/>. Redis is a cache: the service starts and serves without it, and
    /// its absence makes the service degraded, not unready.
    /// </summary>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = Required(builder.Configuration, connectionName);
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), HealthTags.Redis,
            HealthStatus.Degraded, [HealthTags.Redis], CheckTimeout);
        return builder;
    }

    /// <summary>A pooled <see cref="NpgsqlDataSource"/>; the database is needed to serve, so its check gates readiness.</summary>
    public static TBuilder AddNpgsqlDataSource<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = Required(builder.Configuration, connectionName);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddHealthChecks().AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: HealthTags.Database,
            tags: [HealthTags.Ready, HealthTags.Database], timeout: CheckTimeout);
        return builder;
    }

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is missing: set ConnectionStrings__{name} (the AppHost injects it through WithReference).");
}
