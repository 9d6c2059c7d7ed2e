namespace Nuzantara.Backend.Documents;

/// <summary>Limits and cache settings of the documents API: <c>Nuzantara:Documents</c> in configuration.</summary>
public sealed class DocumentsOptions
{
    public const string Section = "Nuzantara:Documents";

    public int MaxTitleLength { get; set; } = 200;

    public int MaxBodyLength { get; set; } = 100_000;

    public int MaxTags { get; set; } = 20;

    public int MaxTagLength { get; set; } = 50;

    public int MaxQueryLength { get; set; } = 200;

    /// <summary>Larger request bodies are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;

    public int DefaultPageSize { get; set; } = 20;

    /// <summary>A larger <c>limit</c> is capped to this, not refused.</summary>
    public int MaxPageSize { get; set; } = 100;

    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(5);
}
