namespace Aspire.Hosting.JavaScript;

/// <summary>A JavaScript app run by Debian's Node.js: a package.json script through npm, or a script through node.</summary>
public class JavaScriptAppResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery, IResourceWithContainerFiles;
