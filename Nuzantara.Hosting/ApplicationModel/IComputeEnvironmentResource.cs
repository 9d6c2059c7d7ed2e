namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A place the application is published to (a Docker Compose environment): in the model, it makes publishing with
/// <c>--publisher default</c> (what <c>aspire publish</c> passes) write that place's files.
/// </summary>
public interface IComputeEnvironmentResource : IResource;
