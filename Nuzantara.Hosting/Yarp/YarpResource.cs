namespace Aspire.Hosting.Yarp;

/// <summary>
/// A YARP reverse proxy (AddYarp). Published as Aspire's YARP container, configured through <c>REVERSEPROXY__…</c>
/// variables; in run mode the AppHost serves it itself (<see cref="Nuzantara.Hosting.Orchestration.Yarp.InProcessYarpLauncher"/>).
/// </summary>
public class YarpResource(string name) : ContainerResource(name), IResourceWithServiceDiscovery
{
    internal List<YarpRoute> Routes { get; } = [];

    internal List<YarpCluster> Clusters { get; } = [];

    internal int? HostHttpsPort { get; set; }

    /// <summary>The folder WithStaticFiles(sourcePath) serves besides the routes; null when it serves none.</summary>
    internal string? StaticFilesPath { get; set; }
}
