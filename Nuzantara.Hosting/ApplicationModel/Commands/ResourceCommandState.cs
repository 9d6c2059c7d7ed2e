namespace Aspire.Hosting.ApplicationModel;

/// <summary>Whether a command can be run now, shows but cannot, or does not show at all.</summary>
public enum ResourceCommandState
{
    Enabled,
    Disabled,
    Hidden,
}
