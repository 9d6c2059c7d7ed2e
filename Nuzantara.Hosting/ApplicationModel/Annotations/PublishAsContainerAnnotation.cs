namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>The manifest writes the resource as a container entry, never as <c>dockerfile.v0</c> (<see cref="Aspire.Hosting.DockerfileBuilderExtensions.PublishAsContainer"/>).</summary>
public sealed class PublishAsContainerAnnotation : IResourceAnnotation;
