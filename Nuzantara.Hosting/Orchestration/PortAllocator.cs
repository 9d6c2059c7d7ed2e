using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>
/// Gives every endpoint its address: the declared port, or a free one when none is declared or ports are randomised
/// (tests). Native processes listen on that port themselves (target port = port), and so do containers whose arguments
/// say where to listen (<see cref="ContainerArgsAnnotation.ListensOnAllocatedPorts"/>: every resource the builders add).
/// <para>
/// Containers run on the host's network (see <see cref="Container.ContainerSpecBuilder"/>), so any other container
/// listens on its image's port, <see cref="EndpointAnnotation.TargetPort"/>, and that is the endpoint's port too, even
/// when ports are randomised. A persistent container without a declared port keeps the port it got first
/// (<see cref="Container.PersistentPorts"/>), so the next run can reuse it. A declared port that differs from the target port cannot be honoured there and is an
/// error that names both; the fix is <c>--runtime process</c>, or to drop the port.
/// </para>
/// </summary>
internal sealed class PortAllocator(HostingOptions options)
{
    /// <summary>
    /// The machine-wide reservations of the ports <see cref="FreePort"/> gave, held until this process ends: a few per
    /// application, so the bag stays small.
    /// </summary>
    private static readonly ConcurrentBag<Socket> Reservations = [];

    /// <summary>The lowest port chosen below the ephemeral range: above the ports servers commonly listen on.</summary>
    private const int FirstPreferredPort = 20000;

    /// <summary>Where the OS starts handing out source ports (Linux's default, 32768, where /proc does not say).</summary>
    private static readonly Lazy<int> EphemeralRangeStart = new(() =>
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    });

    /// <param name="runsInContainer">Whether the container runtime runs the resource (host networking: port = target port).</param>
    public void Allocate(IEnumerable<IResource> resources, Func<IResource, bool> runsInContainer)
    {
        var resourceList = resources.ToList();
        var persistentPorts = resourceList.Any(r => runsInContainer(r) && r.IsPersistent()) ? Container.PersistentPorts.Load(options) : null;
        foreach (var resource in resourceList)
        {
            // Told by its arguments where to listen, a container takes any port, as a process does.
            var onImagePort = runsInContainer(resource) && !resource.OfAnnotation<ContainerArgsAnnotation>().Any(a => a.ListensOnAllocatedPorts);
            foreach (var endpoint in resource.GetEndpoints())
            {
                int port;
                if (onImagePort && endpoint.TargetPort is { } containerPort)
                {
                    if (endpoint.Port is { } declared && declared != containerPort)
                    {
                        throw new DistributedApplicationException(
                            $"Endpoint '{endpoint.Name}' of '{resource.Name}' declares port {declared}, but its container listens on port {containerPort}. " +
                            $"The container runtime runs containers on the host's network, where a container's port cannot be remapped, so the two must be equal. " +
                            $"Use --runtime process, or remove the port (it then is {containerPort}).");
                    }

                    port = containerPort;
                }
                else if (persistentPorts is not null && runsInContainer(resource) && resource.IsPersistent() && (options.RandomizePorts || endpoint.Port is null))
                {
                    var key = Container.PersistentPorts.Key(resource, endpoint);
                    port = persistentPorts.TryGetValue(key, out var kept) ? kept : FreePort();
                    persistentPorts[key] = port;
                }
                else
                {
                    port = options.RandomizePorts || endpoint.Port is null ? FreePort() : endpoint.Port.Value;
                }

                endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint.UriScheme, options.BindAddress, port, port);
            }
        }

        if (persistentPorts is not null)
        {
            Container.PersistentPorts.Save(options, persistentPorts);
        }
    }

    /// <summary>
    /// A free port below the OS's ephemeral range that this process has not handed out before. Below the range, because
    /// the OS gives every outgoing connection a source port from that range: a port found free there could be some
    /// client's by the time the resource binds it (seen in parallel test runs). Not handed out before, because two
    /// applications started in one process, or two AppHosts started side by side (parallel test projects), could otherwise
    /// be given the same port before either listens on it: <see cref="Reserve"/> refuses a port reserved before, by this
    /// process or any other. A process that is no AppHost may still take the port before we do; the start-time check
    /// catches that.
    /// </summary>
    public static int FreePort()
    {
        var below = EphemeralRangeStart.Value;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = below > FirstPreferredPort ? Random.Shared.Next(FirstPreferredPort, below) : 0;
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }

            port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            if (Reserve(port))
            {
                return port;
            }
        }

        throw new DistributedApplicationException(
            $"No free TCP port on 127.0.0.1 that this process has not used already ({Reservations.Count} handed out). Restart the AppHost.");
    }

    /// <summary>
    /// Reserves <paramref name="port"/> for this process by binding an abstract Unix socket named after it: only one
    /// process on the machine can bind a name, and the kernel frees it when that process ends, crash included, with no
    /// file left behind. False when another AppHost holds it.
    /// </summary>
    internal static bool Reserve(int port)
    {
        var reservation = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            reservation.Bind(new UnixDomainSocketEndPoint($"\0nuzantara-port-{port}"));
            Reservations.Add(reservation);
            return true;
        }
        catch (SocketException)
        {
            reservation.Dispose();
            return false;
        }
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
