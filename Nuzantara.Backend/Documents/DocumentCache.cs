using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// The Redis read-through cache of documents. Every entry carries the document's version and a write only replaces an older
/// one, so a slow reader cannot put back what an update or delete has replaced; deletes leave a tombstone for the same
/// reason. Redis failing or slow is never the caller's problem: the operation is skipped and the database answers.
/// </summary>
public sealed class DocumentCache
{
    public const string InstrumentationName = "Nuzantara.Backend.Cache";

    private static readonly ActivitySource Source = new(InstrumentationName);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>SET only when the entry holds no version or an older one (cjson is built into Redis' Lua).</summary>
    private static readonly LuaScript SetIfNewer = LuaScript.Prepare(
        """
        local current = redis.call('GET', @key)
        if current then
          local ok, entry = pcall(cjson.decode, current)
          if ok and type(entry) == 'table' and tonumber(entry.version) and tonumber(entry.version) >= tonumber(@version) then
            return 0
          end
        end
        redis.call('SET', @key, @value, 'PX', @ttl)
        return 1
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly IOptionsMonitor<DocumentsOptions> _options;
    private readonly ILogger<DocumentCache> _logger;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _invalidations;

    public DocumentCache(IConnectionMultiplexer redis, IOptionsMonitor<DocumentsOptions> options, IMeterFactory meters, ILogger<DocumentCache> logger)
    {
        _redis = redis;
        _options = options;
        _logger = logger;
        var meter = meters.Create(InstrumentationName);
        _lookups = meter.CreateCounter<long>("document_cache_requests", description: "Document cache lookups by result (hit, miss, error).");
        _invalidations = meter.CreateCounter<long>("document_cache_invalidations",
            description: "Cache entries replaced by an update or delete, by result (ok, error).");
    }

    public async Task<CacheLookup> GetAsync(long id)
    {
        using var activity = StartActivity("GET", id);
        try
        {
            var value = await _redis.GetDatabase().StringGetAsync(Key(id));
            var entry = value.IsNull ? null : JsonSerializer.Deserialize<CacheEntry>(value.ToString(), Json);
            var result = entry is null ? CacheResult.Miss : CacheResult.Hit;
            activity?.SetTag("cache.hit", result == CacheResult.Hit);
            Count(_lookups, result == CacheResult.Hit ? "hit" : "miss");
            return new CacheLookup(result, entry is { Deleted: false } ? entry.Document : null);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException or JsonException)
        {
            Failed(activity, exception, "read");
            Count(_lookups, "error");
            return new CacheLookup(CacheResult.Unavailable, null);
        }
    }

    /// <summary>Caches what the database just returned.</summary>
    public Task FillAsync(Document document) => WriteAsync(document.Id, new CacheEntry(document.Version, Deleted: false, document), counter: null);

    /// <summary>Replaces the entry of an updated document with the new version.</summary>
    public Task ReplaceAsync(Document document) => WriteAsync(document.Id, new CacheEntry(document.Version, Deleted: false, document), _invalidations);

    /// <summary>Leaves a tombstone newer than any version of the deleted document.</summary>
    public Task RemoveAsync(Document deleted) => WriteAsync(deleted.Id, new CacheEntry(deleted.Version + 1, Deleted: true, null), _invalidations);

    private async Task WriteAsync(long id, CacheEntry entry, Counter<long>? counter)
    {
        using var activity = StartActivity("SET", id);
        try
        {
            await _redis.GetDatabase().ScriptEvaluateAsync(SetIfNewer, new
            {
                key = (RedisKey)Key(id),
                version = entry.Version,
                value = JsonSerializer.Serialize(entry, Json),
                ttl = (long)_options.CurrentValue.CacheTtl.TotalMilliseconds,
            });
            if (counter is not null)
            {
                Count(counter, "ok");
            }
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            // An update that could not replace its entry leaves the old one until the TTL ends: bounded staleness, no lost write.
            Failed(activity, exception, "write");
            if (counter is not null)
            {
                Count(counter, "error");
            }
        }
    }

    private static string Key(long id) => $"document:{id}";

    private static Activity? StartActivity(string operation, long id)
    {
        var activity = Source.StartActivity($"{operation} document", ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        activity?.SetTag("db.operation.name", operation);
        activity?.SetTag("document.id", id);
        return activity;
    }

    private void Failed(Activity? activity, Exception exception, string operation)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.AddException(exception);
        _logger.LogDebug(exception, "Document cache {Operation} skipped: Redis did not answer", operation);
    }

    private static void Count(Counter<long> counter, string result) => counter.Add(1, new KeyValuePair<string, object?>("result", result));

    private sealed record CacheEntry(int Version, bool Deleted, Document? Document);
}

public enum CacheResult
{
    Hit,
    Miss,
    Unavailable,
}

/// <summary>A lookup's result; <see cref="Document"/> is null on a miss, an outage, or a tombstone (a hit on a deleted document).</summary>
public sealed record CacheLookup(CacheResult Result, Document? Document);
