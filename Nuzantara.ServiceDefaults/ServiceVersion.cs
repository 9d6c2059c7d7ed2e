using System.Reflection;

namespace Nuzantara.ServiceDefaults;

/// <summary>The service's version as its assembly declares it, without the source revision suffix.</summary>
public static class ServiceVersion
{
    public static string Current { get; } =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
