using System.Net;
using System.Net.Sockets;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Tests.Orchestration;

public sealed class PortAllocatorTests
{
    [Fact]
    public void A_free_port_is_never_handed_out_twice_in_one_process_although_the_OS_reuses_closed_ones()
    {
        // Applications started side by side (parallel tests) draw from the same allocator before any of them listens.
        var ports = new int[3000];
        Parallel.For(0, ports.Length, i => ports[i] = PortAllocator.FreePort());

        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, 1024, 65535));
    }

    [Fact]
    public void A_free_port_lies_below_the_range_the_OS_gives_outgoing_connections_and_can_be_listened_on()
    {
        // Outgoing connections take their source ports from that range: a port found free there can be taken by one.
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]);

        var port = PortAllocator.FreePort();

        Assert.InRange(port, 1024, ephemeralStart - 1);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }
}
