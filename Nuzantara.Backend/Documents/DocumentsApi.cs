using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// <c>/api/documents</c>: documents in PostgreSQL, read through the Redis cache. Writes go to the database first and are
/// acknowledged only once committed; the cache follows.
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var maxBody = app.ServiceProvider.GetRequiredService<IOptions<DocumentsOptions>>().Value.MaxRequestBodyBytes;
        var documents = app.MapGroup("/api/documents").WithTags("Documents");

        documents.MapPost("/", CreateAsync).WithMetadata(new BodySizeLimit(maxBody));
        documents.MapGet("/", ListAsync);
        documents.MapGet("/{id}", GetAsync);
        documents.MapPut("/{id}", UpdateAsync).WithMetadata(new BodySizeLimit(maxBody));
        documents.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, DocumentInputReader reader, DocumentStore store, CancellationToken cancellationToken)
    {
        if (!IdempotencyKey.TryRead(request, out var key))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKey.Header] = [$"must be one value of 1 to {IdempotencyKey.MaxLength} visible ASCII characters, such as a UUID."],
            });
        }

        var (input, problem) = await reader.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await store.CreateAsync(input!, key, cancellationToken);
        return outcome switch
        {
            { KeyReused: true } => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: $"This {IdempotencyKey.Header} was used for a different document; use a new key for a new document."),
            { Document: null } => Results.Problem(statusCode: StatusCodes.Status410Gone,
                detail: $"The document created with this {IdempotencyKey.Header} has since been deleted."),
            { Created: true, Document: { } created } => WithETag(request, created, Results.Created($"/api/documents/{created.Id}", created)),
            { Document: { } earlier } => WithLocation(request, earlier, WithETag(request, earlier, Results.Ok(earlier))),
        };
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, DocumentStore store, DocumentCache cache, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } documentId)
        {
            return InvalidId();
        }

        var cached = await cache.GetAsync(documentId);
        if (cached.Result == CacheResult.Hit)
        {
            return cached.Document is { } hit ? WithETag(request, hit, Results.Ok(hit)) : NotFound(documentId);
        }

        if (await store.GetAsync(documentId, cancellationToken) is not { } document)
        {
            return NotFound(documentId);
        }

        if (cached.Result == CacheResult.Miss)
        {
            await cache.FillAsync(document);
        }

        return WithETag(request, document, Results.Ok(document));
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DocumentStore store, IOptionsMonitor<DocumentsOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue;
        var query = request.Query;
        var errors = new Dictionary<string, string[]>();

        var limit = limits.DefaultPageSize;
        if (query.TryGetValue("limit", out var limitText) &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            errors["limit"] = ["must be a whole number of at least 1."];
        }

        long? after = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (DocumentCursor.TryDecode(cursorText.ToString(), out var lastId))
            {
                after = lastId;
            }
            else
            {
                errors["cursor"] = ["is not a cursor this API returned (use nextCursor from the previous page)."];
            }
        }

        var tag = Optional(query, "tag", limits.MaxTagLength, errors);
        var text = Optional(query, "q", limits.MaxQueryLength, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var (items, more) = await store.ListAsync(tag, text, after, Math.Min(limit, limits.MaxPageSize), cancellationToken);
        return Results.Ok(new DocumentPage(items, more ? DocumentCursor.Encode(items[^1].Id) : null));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, DocumentInputReader reader, DocumentStore store, DocumentCache cache,
        CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } documentId)
        {
            return InvalidId();
        }

        if (!TryParseIfMatch(request, out var expected))
        {
            return InvalidIfMatch();
        }

        var (input, problem) = await reader.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await store.UpdateAsync(documentId, input!, expected, cancellationToken);
        if (outcome.Document is not { } updated)
        {
            return outcome.Found ? PreconditionFailed(documentId, expected) : NotFound(documentId);
        }

        await cache.ReplaceAsync(updated);
        return WithETag(request, updated, Results.Ok(updated));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, DocumentStore store, DocumentCache cache, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } documentId)
        {
            return InvalidId();
        }

        if (!TryParseIfMatch(request, out var expected))
        {
            return InvalidIfMatch();
        }

        var outcome = await store.DeleteAsync(documentId, expected, cancellationToken);
        if (outcome.Document is not { } deleted)
        {
            return outcome.Found ? PreconditionFailed(documentId, expected) : NotFound(documentId);
        }

        await cache.RemoveAsync(deleted);
        return Results.NoContent();
    }

    private static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>If-Match is optional (without it a write is unconditional); when sent it must be an ETag this API gave out, or *.</summary>
    private static bool TryParseIfMatch(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParse(header, out var tag) || tag.IsWeak ||
            !int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }

    private static string? Optional(IQueryCollection query, string name, int maxLength, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return null;
        }

        var value = values.ToString();
        if (DocumentText.Problem(value, maxLength, required: false) is { } problem)
        {
            errors[name] = [problem];
        }

        return value;
    }

    private static IResult WithETag(HttpRequest request, Document document, IResult result)
    {
        request.HttpContext.Response.Headers.ETag = document.ETag;
        return result;
    }

    /// <summary>A retried create answers 200 with the Location of what the first attempt created.</summary>
    private static IResult WithLocation(HttpRequest request, Document document, IResult result)
    {
        request.HttpContext.Response.Headers.Location = $"/api/documents/{document.Id}";
        return result;
    }

    private static IResult InvalidId() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must be a positive whole number, as in the Location of a created document."] });

    private static IResult InvalidIfMatch() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["must be an ETag this API returned (for example \"3\") or *."] });

    private static IResult NotFound(long id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Document {id} does not exist.");

    private static IResult PreconditionFailed(long id, int? expected) =>
        Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
            detail: $"Document {id} is no longer version {expected}: read it again and apply your change to the current version.");

    private sealed class BodySizeLimit(long maxBytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => maxBytes;
    }
}
