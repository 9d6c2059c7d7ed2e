using Docker.DotNet;
using Microsoft.Extensions.Configuration;

namespace Nuzantara.Hosting.Orchestration.Container;

/// <summary>
/// The container engine the AppHost talks to: <c>DOCKER_HOST</c> (from the AppHost's configuration, which includes the
/// environment), else the default socket <c>unix:///var/run/docker.sock</c>. Docker contexts are not read. Any engine
/// that speaks the Docker API on Linux works (Docker, Podman's docker-compatible socket).
/// </summary>
internal sealed class ContainerEngine(IConfiguration configuration) : IDisposable
{
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>How long <see cref="ProbeAsync"/> waits for the engine's answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private DockerClient? _client;

    /// <summary>The endpoint as configured, for messages.</summary>
    public string Endpoint { get; } = configuration["DOCKER_HOST"] is { Length: > 0 } host ? host : DefaultEndpoint;

    /// <summary>The connected client; only after <see cref="ProbeAsync"/> found the engine.</summary>
    public DockerClient Client => _client ?? throw new InvalidOperationException("The container engine has not answered a probe: call ProbeAsync first.");

    /// <summary>Pings the engine (<see cref="ProbeTimeout"/>); null when it answered, otherwise why not.</summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return null;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https"))
        {
            return $"DOCKER_HOST '{Endpoint}' is not a unix://, tcp:// or http(s):// address this AppHost can use";
        }

        if (uri.Scheme == "unix" && !File.Exists(uri.LocalPath))
        {
            return $"{uri.LocalPath} does not exist";
        }

        var client = new DockerClientConfiguration(uri).CreateClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            _client = client;
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            return ex is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : Innermost(ex).Message;
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _client = null;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
