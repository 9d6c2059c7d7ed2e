namespace Aspire.Hosting.ApplicationModel;

/// <summary>The networks Aspire names: this machine, the application's containers, and the internet.</summary>
public static class KnownNetworkIdentifiers
{
    public static readonly NetworkIdentifier LocalhostNetwork = new("localhost");

    public static readonly NetworkIdentifier DefaultAspireContainerNetwork = new("aspire-container-network");

    public static readonly NetworkIdentifier PublicInternet = new("public-internet");
}
