using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// The keyset position of a listing page: the last id served, opaque to clients so the encoding can change. Keyset, not
/// offset: a page costs the same at any depth and rows inserted meanwhile do not shift it.
/// </summary>
public static class DocumentCursor
{
    public static string Encode(long lastId)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastId);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string cursor, out long lastId)
    {
        lastId = 0;
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(cursor);
            if (bytes.Length != sizeof(long))
            {
                return false;
            }

            lastId = BinaryPrimitives.ReadInt64BigEndian(bytes);
            return lastId > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
