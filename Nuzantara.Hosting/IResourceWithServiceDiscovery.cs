namespace Aspire.Hosting;

/// <summary>
/// A resource whose endpoints are published to referencing services as <c>services__name__scheme__0</c>. In
/// Aspire.Hosting, not Aspire.Hosting.ApplicationModel like the other capability markers: where Aspire declares it.
/// </summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;
