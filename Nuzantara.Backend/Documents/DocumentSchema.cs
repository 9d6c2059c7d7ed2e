using Npgsql;
using Polly;
using Polly.Retry;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// Creates or migrates the documents schema before the service takes requests. Each migration runs once, in order, in a
/// transaction holding an advisory lock, so two instances starting at once neither fail nor apply anything twice.
/// </summary>
public sealed class DocumentSchema(NpgsqlDataSource dataSource, ILogger<DocumentSchema> logger) : IHostedService
{
    /// <summary>Any number, the same in every instance: the key of the lock that serialises migrations.</summary>
    private const long MigrationLock = 0x4E757A616E746172;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE documents (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            title text NOT NULL,
            body text NOT NULL,
            tags text[] NOT NULL DEFAULT '{}',
            version integer NOT NULL DEFAULT 1,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED
        );
        CREATE INDEX documents_tags ON documents USING gin (tags);
        CREATE INDEX documents_search ON documents USING gin (search);
        """,
        """
        ALTER TABLE documents ADD COLUMN idempotency_key text, ADD COLUMN idempotency_fingerprint bytea;
        CREATE UNIQUE INDEX documents_idempotency_key ON documents (idempotency_key) WHERE idempotency_key IS NOT NULL;
        """,
    ];

    /// <summary>The database may still be starting (or restarting) when the service does.</summary>
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(5),
        })
        .Build();

    public Task StartAsync(CancellationToken cancellationToken) =>
        Retry.ExecuteAsync(async token => await MigrateAsync(token), cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);

        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection);
        var applied = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            await Execute(connection, Migrations[version - 1], cancellationToken);
            await Execute(connection, $"INSERT INTO schema_migrations (version) VALUES ({version})", cancellationToken);
            logger.LogInformation("Applied documents schema migration {Version}", version);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
