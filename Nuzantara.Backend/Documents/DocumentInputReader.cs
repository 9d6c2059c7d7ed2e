using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// Reads and validates a document from a request body. Every refusal names its field; the text rules are
/// <see cref="DocumentText"/>'s.
/// </summary>
public sealed class DocumentInputReader(IOptionsMonitor<DocumentsOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(DocumentInput? Input, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the document as JSON, with Content-Type: application/json."));
        }

        // Parsed, then bound: a syntax error is the body's fault, a wrong type the field's, and each gets its own answer.
        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, Invalid("body", "is not valid JSON."));
        }

        DocumentBody? body;
        using (json)
        {
            try
            {
                body = json.Deserialize<DocumentBody>(Json);
            }
            catch (JsonException exception)
            {
                var field = exception.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
                return (null, Invalid(field, "has the wrong type or is not valid text (title and body are strings, tags an array of strings)."));
            }
        }

        if (body is null)
        {
            return (null, Invalid("body", "must be a JSON object with title, body and tags."));
        }

        var limits = options.CurrentValue;
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", body.Title, limits.MaxTitleLength, required: true);
        Check(errors, "body", body.Body, limits.MaxBodyLength, required: false);
        var tags = body.Tags ?? [];
        if (tags.Length > limits.MaxTags)
        {
            errors["tags"] = [$"has {tags.Length} tags; at most {limits.MaxTags} are allowed."];
        }

        for (var i = 0; i < tags.Length && i < limits.MaxTags; i++)
        {
            Check(errors, $"tags[{i}]", tags[i], limits.MaxTagLength, required: true);
        }

        if (errors.Count > 0)
        {
            return (null, Results.ValidationProblem(errors));
        }

        return (new DocumentInput(body.Title!, body.Body ?? "", tags.Select(tag => tag!).Distinct(StringComparer.Ordinal).ToArray()), null);
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int maxLength, bool required)
    {
        if (DocumentText.Problem(value, maxLength, required) is { } problem)
        {
            errors[field] = [problem];
        }
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private sealed record DocumentBody(string? Title, string? Body, string?[]? Tags);
}
