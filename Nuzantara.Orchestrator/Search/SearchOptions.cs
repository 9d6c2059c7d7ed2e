namespace Nuzantara.Orchestrator.Search;

/// <summary><c>Nuzantara:Search</c> in configuration.</summary>
public sealed class SearchOptions
{
    public const string Section = "Nuzantara:Search";

    public int DefaultLimit { get; set; } = 10;

    /// <summary>A larger <c>limit</c> is capped to this, not refused.</summary>
    public int MaxLimit { get; set; } = 50;

    public int MaxQueryLength { get; set; } = 200;

    /// <summary>How many of the backend's matches are sent to be ranked (the backend's own page cap is 100).</summary>
    public int Candidates { get; set; } = 100;
}
