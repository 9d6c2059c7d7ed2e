using Npgsql;
using NpgsqlTypes;

namespace Nuzantara.Backend.Documents;

/// <summary>Documents in PostgreSQL: the source of truth; the cache only ever holds what this returned.</summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, title, body, tags, version, created_at, updated_at";

    /// <summary>
    /// Stores a new document. With an idempotency key, a repeat of the same request returns the document the first one
    /// created instead of a second copy, and a different request under a used key is refused.
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(DocumentInput input, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO documents (title, body, tags, idempotency_key, idempotency_fingerprint) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING {Columns}
            """);
        var fingerprint = key?.Fingerprint(input);
        AddInput(command, input);
        command.Parameters.Add(Nullable(key?.Value, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(fingerprint, NpgsqlDbType.Bytea));
        if (await ReadSingleAsync(command, cancellationToken) is { } created)
        {
            return new CreateOutcome(created, Created: true, KeyReused: false);
        }

        await using var earlier = dataSource.CreateCommand($"SELECT {Columns}, idempotency_fingerprint FROM documents WHERE idempotency_key = $1");
        earlier.Parameters.AddWithValue(key!.Value);
        await using var reader = await earlier.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // The document created under this key was deleted between the two statements: the request is done and gone.
            return new CreateOutcome(null, Created: false, KeyReused: false);
        }

        var sameRequest = reader.GetFieldValue<byte[]>(7).AsSpan().SequenceEqual(fingerprint);
        return new CreateOutcome(sameRequest ? Read(reader) : null, Created: false, KeyReused: !sameRequest);
    }

    public async Task<Document?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM documents WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await ReadSingleAsync(command, cancellationToken);
    }

    /// <summary>
    /// Newest first, after <paramref name="afterId"/> when given. <paramref name="query"/> matches documents holding any of
    /// its words (title or body), so the ranking service gets every candidate worth ranking.
    /// </summary>
    public async Task<(IReadOnlyList<Document> Items, bool More)> ListAsync(string? tag, string? query, long? afterId, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM documents
            WHERE ($1::text IS NULL OR tags @> ARRAY[$1::text])
              AND ($2::text IS NULL OR search @@ (
                    SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery
                    FROM unnest(tsvector_to_array(to_tsvector('simple', $2::text))) AS lexeme))
              AND ($3::bigint IS NULL OR id < $3::bigint)
            ORDER BY id DESC
            LIMIT $4
            """);
        command.Parameters.Add(Nullable(tag, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(query, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(afterId, NpgsqlDbType.Bigint));
        command.Parameters.AddWithValue(limit + 1);

        var items = new List<Document>(limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        var more = items.Count > limit;
        return (more ? items[..limit] : items, more);
    }

    /// <summary>Replaces a document if it exists and, when <paramref name="expectedVersion"/> is given, is still that version.</summary>
    public async Task<WriteOutcome> UpdateAsync(long id, DocumentInput input, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE documents SET title = $1, body = $2, tags = $3, version = version + 1, updated_at = now()
            WHERE id = $4 AND ($5::integer IS NULL OR version = $5::integer)
            RETURNING {Columns}
            """);
        AddInput(command, input);
        command.Parameters.AddWithValue(id);
        command.Parameters.Add(Nullable(expectedVersion, NpgsqlDbType.Integer));
        return await ReadSingleAsync(command, cancellationToken) is { } updated
            ? new WriteOutcome(updated, Found: true)
            : new WriteOutcome(null, Found: await ExistsAsync(id, cancellationToken));
    }

    /// <summary>Deletes a document if it exists and, when <paramref name="expectedVersion"/> is given, is still that version.</summary>
    public async Task<WriteOutcome> DeleteAsync(long id, int? expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"DELETE FROM documents WHERE id = $1 AND ($2::integer IS NULL OR version = $2::integer) RETURNING {Columns}");
        command.Parameters.AddWithValue(id);
        command.Parameters.Add(Nullable(expectedVersion, NpgsqlDbType.Integer));
        return await ReadSingleAsync(command, cancellationToken) is { } deleted
            ? new WriteOutcome(deleted, Found: true)
            : new WriteOutcome(null, Found: await ExistsAsync(id, cancellationToken));
    }

    private async Task<bool> ExistsAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1)");
        command.Parameters.AddWithValue(id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>A parameter that may be NULL: typed, since PostgreSQL cannot infer the type of a NULL in <c>$n IS NULL</c>.</summary>
    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static void AddInput(NpgsqlCommand command, DocumentInput input)
    {
        command.Parameters.AddWithValue(input.Title);
        command.Parameters.AddWithValue(input.Body);
        command.Parameters.AddWithValue(input.Tags.ToArray());
    }

    private static async Task<Document?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Document Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<string[]>(3),
        reader.GetInt32(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6));
}

/// <summary>A create's result: the document (new, or the one an earlier request with the same key created), or a key reused for another request.</summary>
public sealed record CreateOutcome(Document? Document, bool Created, bool KeyReused);

/// <summary>The result of a conditional write: the document as written, or whether it exists at all (404 vs 412).</summary>
public sealed record WriteOutcome(Document? Document, bool Found);
