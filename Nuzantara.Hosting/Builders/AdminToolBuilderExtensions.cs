using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Container;

namespace Aspire.Hosting;

/// <summary>What Aspire's admin UIs (pgAdmin, pgweb, Redis Commander, RedisInsight) have in common here.</summary>
internal static class AdminToolBuilderExtensions
{
    /// <summary>
    /// Their images are not Debian packages, so nothing runs them without a container engine that has the image: the
    /// process runtime fails them with the fix, which the container runtime gives too when the image is missing. Called
    /// once the caller's configureContainer has set the image.
    /// </summary>
    public static IResourceBuilder<T> RunsOnlyInContainer<T>(this IResourceBuilder<T> builder) where T : ContainerResource
    {
        var image = builder.Resource.OfAnnotation<ContainerImageAnnotation>().Last();
        return builder.WithAnnotation(new ContainerOnlyAnnotation(
            $"'{builder.Resource.Name}' runs only as a container (image {image.FullName}) and no container engine is in use. " +
            $"Run the AppHost with an engine that has the image (--runtime container). {ContainerRuntime.NoDebianImageFix(image)}")
        {
            FailsWithoutEngine = true,
            HasNoDebianImage = true,
        });
    }

    /// <summary>On the host's network the UI listens on its allocated address, which these settings give it.</summary>
    public static IResourceBuilder<T> ListensOnAllocatedPort<T>(this IResourceBuilder<T> builder, Func<EndpointReference, IEnumerable<string>> args) where T : ContainerResource
    {
        var endpoint = new EndpointReference(builder.Resource, "http");
        return builder.WithAnnotation(new ContainerArgsAnnotation(() => args(endpoint)) { ListensOnAllocatedPorts = true });
    }
}
