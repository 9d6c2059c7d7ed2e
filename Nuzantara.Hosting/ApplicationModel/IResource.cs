namespace Aspire.Hosting.ApplicationModel;

/// <summary>A named part of the distributed application. Everything beyond the name lives in annotations.</summary>
public interface IResource
{
    string Name { get; }

    ResourceAnnotationCollection Annotations { get; }
}

/// <summary>Marker for data attached to a resource by builder extensions and read by runtimes and publishers.</summary>
public interface IResourceAnnotation;
