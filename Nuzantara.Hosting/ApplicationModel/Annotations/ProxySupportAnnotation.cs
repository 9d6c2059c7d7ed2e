namespace Aspire.Hosting.ApplicationModel;

/// <summary>WithEndpointProxySupport's choice for all of a resource's endpoints.</summary>
public sealed class ProxySupportAnnotation : IResourceAnnotation
{
    public required bool ProxyEnabled { get; set; }
}
