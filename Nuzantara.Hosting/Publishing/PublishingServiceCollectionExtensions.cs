using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Publishing.Compose;
using Nuzantara.Hosting.Publishing.Kubernetes;
using Nuzantara.Hosting.Publishing.Manifest;

namespace Nuzantara.Hosting.Publishing;

internal static class PublishingServiceCollectionExtensions
{
    /// <summary>The publishers, and the hosted service that runs the one <c>--publisher</c> names in place of the orchestrator.</summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddSingleton<IPublisher, ManifestPublisher>();
        services.AddSingleton<DockerComposePublisher>();
        services.AddSingleton<IPublisher>(sp => sp.GetRequiredService<DockerComposePublisher>());
        services.AddSingleton<IPublisher, KubernetesPublisher>();
        services.AddSingleton<IPublisher, ComputeEnvironmentPublisher>();
        services.AddSingleton<PublishingService>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishingService>());
        return services;
    }
}
