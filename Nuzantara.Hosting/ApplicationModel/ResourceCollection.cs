using System.Collections.ObjectModel;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The builder's resources; the built model shares the same instance.</summary>
internal sealed class ResourceCollection : Collection<IResource>, IResourceCollection;
