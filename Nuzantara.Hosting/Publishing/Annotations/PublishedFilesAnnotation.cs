namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// Files a published container needs that the runtimes prepare at launch on this machine (a configuration naming the
/// container network's addresses, init scripts), generated from the model when publishing. A generated file replaces
/// a model file of the same target.
/// </summary>
internal sealed class PublishedFilesAnnotation(Func<PublishedFilesContext, PublishedFiles> files) : IResourceAnnotation
{
    public Func<PublishedFilesContext, PublishedFiles> Files { get; } = files;
}

/// <summary>What a <see cref="PublishedFilesAnnotation"/> generates from.</summary>
/// <param name="Address">The <c>host:port</c> at which other containers reach an endpoint.</param>
internal sealed record PublishedFilesContext(IEnumerable<IResource> Resources, string EnvironmentName, Func<EndpointReference, string> Address, IServiceProvider Services);

/// <summary>Generated files as (container path, content).</summary>
/// <param name="SecretTargets">
/// Where set, the container's secret files (provided by the deployment, never published) in place of the model's, whose
/// layout is the runtimes'.
/// </param>
internal sealed record PublishedFiles(IReadOnlyList<(string Target, string Content)> Files, IReadOnlyList<string>? SecretTargets = null)
{
    public static readonly PublishedFiles None = new([]);
}
