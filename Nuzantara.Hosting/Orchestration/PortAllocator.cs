using System.Net;
using System.Net.Sockets;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>Gives every endpoint its address: the declared port, or a free one when none is declared or ports are randomised (tests).</summary>
public sealed class PortAllocator(HostingOptions options)
{
    /// <param name="runsInContainer">Container endpoints keep their container port as target; native processes listen on the host port itself.</param>
    public void Allocate(IEnumerable<IResource> resources, Func<IResource, bool> runsInContainer)
    {
        foreach (var resource in resources)
        {
            foreach (var endpoint in resource.GetEndpoints())
            {
                var port = options.RandomizePorts || endpoint.Port is null ? FreePort() : endpoint.Port.Value;
                var targetPort = runsInContainer(resource) ? endpoint.TargetPort ?? port : port;
                endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint.UriScheme, options.BindAddress, port, targetPort);
            }
        }

        if (options.RandomizePorts)
        {
            options.DashboardPort = options.DashboardPort > 0 ? FreePort() : 0;
            options.OtlpGrpcPort = FreePort();
            options.OtlpHttpPort = FreePort();
        }
    }

    /// <summary>A port the OS just had free. Another process may take it before we do; the start-time check catches that.</summary>
    public static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>Null when <paramref name="port"/> can be listened on; otherwise who holds it, as far as the OS tells.</summary>
    public static string? PortHolder(string address, int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), port));
            return null;
        }
        catch (SocketException)
        {
            return DescribeListener(port) ?? "another process";
        }
    }

    private static string? DescribeListener(int port)
    {
        try
        {
            var result = Process.CommandRunner.RunAsync("ss", ["-ltnpH", $"sport = :{port}"], CancellationToken.None).GetAwaiter().GetResult();
            var match = System.Text.RegularExpressions.Regex.Match(result.Output, "\\(\\(\"([^\"]+)\",pid=(\\d+)");
            return match.Success ? $"{match.Groups[1].Value} (pid {match.Groups[2].Value})" : null;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
