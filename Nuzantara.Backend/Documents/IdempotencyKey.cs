using System.Security.Cryptography;
using System.Text;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft): a client that got no answer, or a 503, for a create
/// cannot know whether it was stored — the database may have committed it after the service gave up waiting. Sent
/// again with the same key, the request creates nothing new and answers with what the first one created.
/// </summary>
public sealed record IdempotencyKey(string Value)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>Absent is fine (no key); present it must be 1–200 visible ASCII characters.</summary>
    public static bool TryRead(HttpRequest request, out IdempotencyKey? key)
    {
        key = null;
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return true;
        }

        var value = values.ToString().Trim('"');
        if (values.Count != 1 || value.Length is 0 or > MaxLength || value.Any(c => c is < '!' or > '~'))
        {
            return false;
        }

        key = new IdempotencyKey(value);
        return true;
    }

    /// <summary>What the request asked for, so that a key reused for a different document is told apart from a retry.</summary>
    public byte[] Fingerprint(DocumentInput input) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', [input.Title, input.Body, .. input.Tags])));
}
