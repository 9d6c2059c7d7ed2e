namespace Aspire.Hosting.Python;

/// <summary>A Python application run by an interpreter, here Debian's /usr/bin/python3 with Debian's python3-* packages.</summary>
public class PythonAppResource(string name, string command, string appDirectory)
    : ExecutableResource(name, command, appDirectory), IResourceWithServiceDiscovery, IContainerFilesDestinationResource;
