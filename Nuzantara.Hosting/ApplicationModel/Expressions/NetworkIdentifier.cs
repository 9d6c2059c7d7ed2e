namespace Aspire.Hosting.ApplicationModel;

/// <summary>A network an endpoint is reached from (<see cref="KnownNetworkIdentifiers"/>).</summary>
public record NetworkIdentifier(string Value);
