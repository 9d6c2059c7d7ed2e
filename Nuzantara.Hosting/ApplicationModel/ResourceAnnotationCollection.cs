using System.Collections.ObjectModel;

namespace Aspire.Hosting.ApplicationModel;

public sealed class ResourceAnnotationCollection : Collection<IResourceAnnotation>;
