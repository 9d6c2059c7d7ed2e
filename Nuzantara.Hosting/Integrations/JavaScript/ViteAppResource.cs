namespace Aspire.Hosting.JavaScript;

/// <summary>A Vite dev server, started by its package.json script and told its port on the command line.</summary>
public class ViteAppResource(string name, string command, string workingDirectory) : JavaScriptAppResource(name, command, workingDirectory);
