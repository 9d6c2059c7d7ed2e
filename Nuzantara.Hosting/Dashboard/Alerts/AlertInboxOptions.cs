namespace Nuzantara.Hosting.Dashboard.Alerts;

/// <summary>Limits of the alert inbox (<c>Nuzantara:Dashboard:Alerts</c>).</summary>
internal sealed class AlertInboxOptions
{
    public const string SectionName = "Nuzantara:Dashboard:Alerts";

    /// <summary>Alerts kept, newest first; the oldest is dropped beyond it so a flapping alert cannot grow memory.</summary>
    public int MaxAlertCount { get; set; } = 1_000;
}
