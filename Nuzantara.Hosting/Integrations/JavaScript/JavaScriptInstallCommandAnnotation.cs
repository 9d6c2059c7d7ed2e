namespace Aspire.Hosting.JavaScript;

/// <summary>How the app's packages are installed (<c>npm &lt;Args&gt;</c>), as WithNpm sets it: the generated Dockerfile's install step.</summary>
public sealed class JavaScriptInstallCommandAnnotation(string[] args) : IResourceAnnotation
{
    public string[] Args { get; } = args;
}
