namespace Nuzantara.Hosting.Publishing;

/// <summary>Where a published project's image listens when the model leaves it to the deployment.</summary>
internal static class ContainerConventions
{
    /// <summary>The port an endpoint listens on when the model leaves it to the deployment: ASP.NET Core's container defaults.</summary>
    public static int ProjectTargetPort(string scheme, int index) => (scheme == "https" ? 8443 : 8080) + index;
}
