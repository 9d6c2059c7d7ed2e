namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// How a published container of a server without an HTTP health endpoint shows it is ready: a shell command, run by
/// <c>/bin/sh</c> in the container with a tool its image has, that succeeds when it is; while
/// <see cref="EndpointName"/>'s port accepts connections it is alive. Takes precedence over HTTP health checks.
/// </summary>
/// <param name="command">The command, given the endpoint's target port in the deployment.</param>
internal sealed class ContainerHealthCommandAnnotation(string endpointName, Func<int, string> command) : IResourceAnnotation
{
    public string EndpointName { get; } = endpointName;

    public Func<int, string> Command { get; } = command;
}
