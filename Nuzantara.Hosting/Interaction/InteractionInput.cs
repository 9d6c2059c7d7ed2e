using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting;

/// <summary>
/// One value asked of the user, as Aspire's dashboard asks for a parameter's value. There is no prompt here: a
/// parameter's input (WithCustomInput) names and describes the value in the start error when it is missing.
/// </summary>
[Experimental("ASPIREINTERACTION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
[DebuggerDisplay("Name = {Name}, InputType = {InputType}, Required = {Required}, Value = {Value}")]
public sealed class InteractionInput
{
    public required string Name { get; init; }

    public required InputType InputType { get; init; }

    public string? Label { get; init; }

    public string? Description { get; init; }

    public bool EnableDescriptionMarkdown { get; init; }

    public string? Placeholder { get; init; }

    public bool Required { get; init; }

    public int? MaxLength { get; init; }

    public bool AllowCustomChoice { get; init; }

    /// <summary>The choices of an <see cref="InputType.Choice"/> input: value and text shown.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Options { get; set; }

    public bool Disabled { get; set; }

    public InputLoadOptions? DynamicLoading { get; init; }

    public string? Value { get; set; }
}
