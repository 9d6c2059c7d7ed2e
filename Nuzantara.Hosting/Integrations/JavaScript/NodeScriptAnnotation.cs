namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>The script AddNodeApp runs (<c>node &lt;ScriptPath&gt;</c>): a generated Dockerfile's entrypoint, whatever script WithRunScript runs here.</summary>
internal sealed record NodeScriptAnnotation(string ScriptPath) : IResourceAnnotation;
