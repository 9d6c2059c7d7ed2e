using Docker.DotNet;
using Microsoft.Extensions.Configuration;
using Nuzantara.Hosting.Orchestration.Container;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting.Monitoring;

/// <summary>
/// Whether the runtime that will run Grafana Alloy can have it, asked while the model is built (a probe of at most a few
/// seconds): the container runtime when a container engine answers and <c>--runtime</c> is not <c>process</c>, as
/// <see cref="Orchestration.RuntimeSelector"/> chooses; otherwise the process runtime. Alloy is not a Debian package.
/// </summary>
public static class GrafanaAlloyAvailability
{
    /// <summary>Null when Alloy can be had, otherwise why not (no value of any setting).</summary>
    /// <param name="image">The image the container runtime would run, <c>name:tag</c>.</param>
    public static string? WhyUnavailable(IConfiguration configuration, string image)
    {
        var runtime = configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.Runtime ?? RuntimeKind.Auto;
        if (runtime != RuntimeKind.Process)
        {
            using var engine = new ContainerEngine(configuration);
            var whyNoEngine = engine.ProbeAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (whyNoEngine is null)
            {
                // No registry is assumed reachable: only an image the engine already has counts.
                return HasImage(engine, image) ? null : $"the container engine has no {image} image";
            }

            if (runtime == RuntimeKind.Container)
            {
                return $"no container engine answers ({whyNoEngine})";
            }
        }

        if (CommandLocator.Find("alloy") is not null)
        {
            return null;
        }

        // The provisioner installs with apt-get: a candidate version means it would succeed.
        var policy = CommandRunner.RunAsync("apt-cache", ["policy", "alloy"], CancellationToken.None).GetAwaiter().GetResult();
        return policy.ExitCode == 0 && policy.Output.Contains("Candidate:", StringComparison.Ordinal) && !policy.Output.Contains("Candidate: (none)", StringComparison.Ordinal)
            ? null
            : "no alloy on the PATH and no apt candidate for the alloy package: Grafana's apt repository, https://apt.grafana.com, is not configured";
    }

    private static bool HasImage(ContainerEngine engine, string image)
    {
        try
        {
            engine.Client.Images.InspectImageAsync(image).GetAwaiter().GetResult();
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
