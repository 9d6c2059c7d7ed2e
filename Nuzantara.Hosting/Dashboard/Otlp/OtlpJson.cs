using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Nuzantara.Hosting.Dashboard.Otlp;

/// <summary>
/// OTLP/JSON differs from protobuf's JSON mapping in one way that matters: trace and span ids are hex strings, not
/// base64. Ids are rewritten to base64 before Google.Protobuf's parser reads the message.
/// </summary>
internal static class OtlpJson
{
    private static readonly HashSet<string> IdFields = ["traceId", "spanId", "parentSpanId"];
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static T Parse<T>(string json) where T : IMessage<T>, new()
    {
        var node = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 })
            ?? throw new FormatException("The body is JSON null.");
        RewriteIds(node);
        return Parser.Parse<T>(node.ToJsonString());
    }

    private static void RewriteIds(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (IdFields.Contains(key) && value is JsonValue id && id.TryGetValue(out string? hex) && hex.Length > 0)
                    {
                        obj[key] = Convert.ToBase64String(FromHex(hex, key));
                    }
                    else if (value is not null)
                    {
                        RewriteIds(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        RewriteIds(item);
                    }
                }

                break;
        }
    }

    private static byte[] FromHex(string hex, string field)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{field}' must be a hex string, got '{hex}'.");
        }
    }
}
