namespace Aspire.Hosting.Eventing;

/// <summary>Marks a type as an event published through <see cref="IDistributedApplicationEventing"/>.</summary>
public interface IDistributedApplicationEvent;
