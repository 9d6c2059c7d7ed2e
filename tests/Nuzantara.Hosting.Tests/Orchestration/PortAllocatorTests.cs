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
}
