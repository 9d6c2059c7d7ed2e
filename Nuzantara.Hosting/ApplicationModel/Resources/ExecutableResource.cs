namespace Aspire.Hosting.ApplicationModel;

/// <summary>A process started from a command on this machine.</summary>
public class ExecutableResource(string name, string command, string workingDirectory)
    : Resource(name), IResourceWithEnvironment, IResourceWithArgs, IResourceWithEndpoints, IResourceWithWaitSupport, IResourceWithProbes
{
    /// <summary>Set by integrations that choose the program late (a virtual environment's interpreter).</summary>
    public string Command { get; internal set; } = command;

    /// <summary>An absolute path; WithWorkingDirectory may change it after the resource was added.</summary>
    public string WorkingDirectory { get; internal set; } = workingDirectory;
}
