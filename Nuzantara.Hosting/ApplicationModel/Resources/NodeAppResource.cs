namespace Aspire.Hosting.JavaScript;

/// <summary>A script run by <c>node</c> (<see cref="JavaScriptHostingExtensions.AddNodeApp"/>).</summary>
public class NodeAppResource(string name, string command, string workingDirectory) : JavaScriptAppResource(name, command, workingDirectory), IContainerFilesDestinationResource;
