using System.Text.Json;

namespace Nuzantara.Fixtures.AlertReceivers;

/// <summary>One message posted to the Slack stand-in: the attachment Alertmanager's slack_configs send.</summary>
public sealed record SlackMessage(string Path, string? Channel, string Title, string Text, string Color, DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// Reads a payload as Slack's incoming webhooks would accept it (<c>text</c> or <c>attachments</c>, each attachment
    /// with a title or text); null with the reason when Slack would answer <c>400 invalid_payload</c>.
    /// </summary>
    public static (SlackMessage? Message, string? Error) Parse(string path, JsonElement payload, DateTimeOffset receivedAt)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return (null, "the payload is not a JSON object");
        }

        var channel = payload.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (!payload.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array || attachments.GetArrayLength() == 0)
        {
            return payload.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                ? (new SlackMessage(path, channel, string.Empty, text.GetString()!, string.Empty, receivedAt), null)
                : (null, "neither text nor attachments");
        }

        var attachment = attachments[0];
        string Field(string name) => attachment.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        var message = new SlackMessage(path, channel, Field("title"), Field("text"), Field("color"), receivedAt);
        return message.Title.Length == 0 && message.Text.Length == 0 ? (null, "an attachment without title or text") : (message, null);
    }
}
