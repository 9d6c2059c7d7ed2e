using System.Text.Json;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// The ports persistent containers were given, kept in <c>&lt;StateDirectory&gt;/persistent-ports.json</c>. On the host's
/// network a container's port is part of its configuration; a fresh free port every run would make the next run
/// re-create the container it should reuse, so an endpoint without a declared port keeps the one it got first.
/// </summary>
internal static class PersistentPorts
{
    private const string FileName = "persistent-ports.json";

    public static Dictionary<string, int> Load(HostingOptions options)
    {
        var path = Path.Combine(options.StateDirectory, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path)) ?? [] : [];
        }
        catch (JsonException)
        {
            // Unreadable: the containers get new ports, and so are re-created once.
            return [];
        }
    }

    public static void Save(HostingOptions options, Dictionary<string, int> ports)
    {
        Directory.CreateDirectory(options.StateDirectory);
        File.WriteAllText(Path.Combine(options.StateDirectory, FileName), JsonSerializer.Serialize(ports));
    }

    public static string Key(IResource resource, EndpointAnnotation endpoint) => $"{resource.Name}/{endpoint.Name}";
}
