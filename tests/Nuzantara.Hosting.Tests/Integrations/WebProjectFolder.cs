namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>
/// A web project as AddProject reads it without building it: its project file, its appsettings.json and a launch
/// profile with the given application URLs.
/// </summary>
internal static class WebProjectFolder
{
    /// <summary>Writes the project into <paramref name="parent"/>/<paramref name="name"/> and returns its project file.</summary>
    public static string Write(string parent, string name, string appSettings, string applicationUrls)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), appSettings);
        Directory.CreateDirectory(Path.Combine(folder, "Properties"));
        File.WriteAllText(Path.Combine(folder, "Properties", "launchSettings.json"),
            $$"""{ "profiles": { "default": { "commandName": "Project", "applicationUrl": "{{applicationUrls}}" } } }""");
        return Path.Combine(folder, name + ".csproj");
    }
}
