namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The <c>Publishing</c> configuration section, filled from <c>--publisher</c> and <c>--output-path</c> as in Aspire:
/// its presence is what puts the AppHost in publish mode.
/// </summary>
internal sealed class PublishingOptions
{
    public const string SectionName = "Publishing";

    /// <summary><c>manifest</c>, <c>docker-compose</c>, <c>kubernetes</c>, or <c>default</c> (the model's compute environment, as <c>aspire publish</c>).</summary>
    public string Publisher { get; set; } = string.Empty;

    /// <summary>The manifest file (or a folder for it), or the folder the other publishers write into.</summary>
    public string? OutputPath { get; set; }
}
