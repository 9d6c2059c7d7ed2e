namespace Aspire.Hosting.JavaScript;

/// <summary>The package.json script a JavaScript app is started with (<c>npm run &lt;ScriptName&gt; -- &lt;Args&gt;</c>).</summary>
public sealed class JavaScriptRunScriptAnnotation(string scriptName, string[]? args) : IResourceAnnotation
{
    public string ScriptName { get; } = scriptName;

    public string[] Args { get; } = args ?? [];
}
