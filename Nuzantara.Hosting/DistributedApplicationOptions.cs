using System.Reflection;

namespace Aspire.Hosting;

public sealed class DistributedApplicationOptions
{
    public string[] Args { get; set; } = [];

    /// <summary>The AppHost's assembly; its metadata names the AppHost project folder. Defaults to the entry assembly.</summary>
    public Assembly? AppHostAssembly { get; set; }

    /// <summary>Leaves out the AppHost's own web endpoint (resource metrics, and later the dashboard).</summary>
    public bool DisableDashboard { get; set; }
}
