namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>The Python app's packages are uv's (WithUv): a generated Dockerfile installs them with <c>uv sync</c>, not pip.</summary>
internal sealed class UvEnvironmentAnnotation : IResourceAnnotation;
