using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Tests.Orchestration;

public sealed class PortAllocatorTests
{
    [Fact]
    public async Task A_port_another_process_reserved_is_not_reserved_here_until_that_process_ends()
    {
        // Outside the range FreePort draws from, so that no application of this test run wants it.
        const int Port = 65001;
        using var other = Process.Start(new ProcessStartInfo("python3",
            ["-c", $"import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind('\\0nuzantara-port-{Port}'); print('held', flush=True); sys.stdin.read()"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("held", await other.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
            Assert.False(PortAllocator.Reserve(Port));
        }
        finally
        {
            other.StandardInput.Close();
            await other.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(PortAllocator.Reserve(Port));
        Assert.False(PortAllocator.Reserve(Port));
    }

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
