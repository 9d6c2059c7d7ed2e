using System.Text;

namespace Nuzantara.Backend.Documents;

/// <summary>
/// What a text the API stores or searches for must be: within its length, and nothing PostgreSQL would refuse (a NUL
/// character, a lone UTF-16 surrogate), so that it is a 400 naming the field rather than a 500 from the database.
/// </summary>
public static class DocumentText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why <paramref name="value"/> is refused, or null when it is fine.</summary>
    public static string? Problem(string? value, int maxLength, bool required) => value switch
    {
        null or "" when required => "is required.",
        null => null,
        _ when string.IsNullOrWhiteSpace(value) && required => "must not be blank.",
        { Length: var length } when length > maxLength => $"is {length} characters long; at most {maxLength} are allowed.",
        _ when value.Contains('\0') => "must not contain the NUL character.",
        _ when !IsValidUnicode(value) => "contains a lone UTF-16 surrogate, which is not valid Unicode.",
        _ => null,
    };

    private static bool IsValidUnicode(string value)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
