using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Provisioning;

namespace Nuzantara.Publishing.Tests;

/// <summary>The validators the checks run, installed from Debian the way the AppHost provisions its binaries.</summary>
internal static class Tools
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static Task EnsureDockerComposeAsync() => EnsureAsync("docker-compose", "docker-compose");

    /// <summary>Debian's kubernetes-client provides kubectl, which has kustomize built in.</summary>
    public static Task EnsureKubectlAsync() => EnsureAsync("kubectl", "kubernetes-client");

    private static async Task EnsureAsync(string command, string package)
    {
        var tool = new ContainerResource($"{command}-for-tests");
        tool.Annotations.Add(new RequiredPackagesAnnotation(command, [package]));
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            await new NativeBinaryProvisioner(new HostingOptions(), NullLogger<NativeBinaryProvisioner>.Instance)
                .EnsureInstalledAsync([tool], _ => { }, TestContext.Current.CancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}
