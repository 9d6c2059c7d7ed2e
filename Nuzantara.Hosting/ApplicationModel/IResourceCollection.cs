namespace Aspire.Hosting.ApplicationModel;

/// <summary>The resources of an application model, in the order they were added.</summary>
public interface IResourceCollection : IList<IResource>;
