namespace Aspire.Hosting.ApplicationModel;

/// <summary>The style of a command's icon, as Aspire names FluentUI's.</summary>
public enum IconVariant
{
    Regular,
    Filled,
}
