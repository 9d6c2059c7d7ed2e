using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration.Replicas;

/// <summary>
/// Listens on a replicated project's endpoint and hands each connection to the next replica in turn, skipping one
/// that refuses (stopped, restarting, not listening yet). It forwards TCP rather than proxying HTTP, so that any
/// protocol a project serves (HTTP/1.1, HTTP/2, TLS, gRPC, or none of them) passes through untouched, and the replica sees the
/// client's own requests. A connection stays with one replica for its life, so balancing is per connection.
/// </summary>
internal sealed class RoundRobinForwarder : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly TcpListener _listener;
    private readonly IReadOnlyList<Func<AllocatedEndpoint?>> _backends;
    private readonly string _description;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _next = -1;

    public RoundRobinForwarder(AllocatedEndpoint listen, IReadOnlyList<Func<AllocatedEndpoint?>> backends, string description, ILogger logger)
    {
        _backends = backends;
        _description = description;
        _logger = logger;
        _listener = new TcpListener(IPAddress.Parse(listen.Address), listen.Port);
        try
        {
            _listener.Start();
        }
        catch (SocketException ex)
        {
            throw new DistributedApplicationException(
                $"{description} cannot listen on {listen.Address}:{listen.Port}: {ex.Message}. Stop what holds the port, or give the project another port in the AppHost.", ex);
        }

        _accepting = AcceptAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException ex)
            {
                // One failed accept (a client gone before it was accepted) must not end the endpoint.
                _logger.LogDebug(ex, "{Forwarder}: accepting a connection failed", _description);
                continue;
            }

            connections.RemoveAll(c => c.IsCompleted);
            connections.Add(ForwardAsync(client));
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            using var backend = await ConnectAsync().ConfigureAwait(false);
            if (backend is null)
            {
                _logger.LogWarning("{Forwarder}: no replica accepted a connection; closing it", _description);
                return;
            }

            var inbound = client.GetStream();
            var outbound = backend.GetStream();
            await Task.WhenAll(PumpAsync(inbound, outbound, backend.Client), PumpAsync(outbound, inbound, client.Client)).ConfigureAwait(false);
        }
    }

    /// <summary>The next replica that accepts, starting after the last one used; null when none does.</summary>
    private async Task<TcpClient?> ConnectAsync()
    {
        var start = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < _backends.Count; attempt++)
        {
            if (_backends[(int)((uint)(start + attempt) % (uint)_backends.Count)]() is not { } target)
            {
                continue;
            }

            var backend = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                await backend.ConnectAsync(IPAddress.Parse(target.Address), target.Port, timeout.Token).ConfigureAwait(false);
                return backend;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                backend.Dispose();
            }
        }

        return null;
    }

    /// <summary>Copies one direction; at its end the other side is told (half-close), so request-then-close protocols work.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, Socket toSocket)
    {
        try
        {
            await from.CopyToAsync(to, _stopping.Token).ConfigureAwait(false);
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away (a killed replica, a client that hung up): the connection ends, the others go on.
            toSocket.Close();
        }
    }
}
