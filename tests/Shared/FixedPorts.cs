using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Tests;

/// <summary>
/// Settings for a test that needs the ports its resources ask for (RandomizePorts off). The AppHost's own
/// dashboard and OTLP ports then fall back to their defaults (18888–18890), which another test process running
/// at the same time may hold, so they get free ones here.
/// </summary>
public static class FixedPorts
{
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Nuzantara:RandomizePorts"] = "false",
        ["Nuzantara:DashboardPort"] = PortAllocator.FreePort().ToString(),
        ["Nuzantara:OtlpGrpcPort"] = PortAllocator.FreePort().ToString(),
        ["Nuzantara:OtlpHttpPort"] = PortAllocator.FreePort().ToString(),
    };
}
