namespace Aspire.Hosting;

/// <summary>How AddCSharpApp reads the app's launch settings, as Aspire's options.</summary>
public class ProjectResourceOptions
{
    /// <summary>The launch profile whose URLs and variables the app gets; null takes the first "Project" profile.</summary>
    public string? LaunchProfileName { get; set; }

    /// <summary>Ignores the launch settings altogether: no endpoints or variables from them.</summary>
    public bool ExcludeLaunchProfile { get; set; }

    /// <summary>Ignores the project's <c>Kestrel:Endpoints</c> settings: endpoints come from the launch profile instead.</summary>
    public bool ExcludeKestrelEndpoints { get; set; }
}
