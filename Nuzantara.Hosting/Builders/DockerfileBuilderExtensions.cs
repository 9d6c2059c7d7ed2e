using System.Security.Cryptography;
using System.Text;

namespace Aspire.Hosting;

/// <summary>
/// Images built from a Dockerfile, as Aspire's AddDockerfile, WithDockerfile, WithBuildArg, WithBuildSecret,
/// PublishAsDockerFile and PublishAsContainer. The container runtime builds the image in the engine before running it;
/// the publishers leave the build to the deployment (the manifest's <c>container.v1</c> <c>build</c>, Compose's <c>build:</c>).
/// </summary>
public static partial class DockerfileBuilderExtensions
{
    /// <summary>
    /// A container whose image is built from <paramref name="dockerfilePath"/> (relative to <paramref name="contextPath"/>,
    /// default <c>Dockerfile</c>) with <paramref name="contextPath"/> (relative to the AppHost folder) as build context.
    /// </summary>
    public static IResourceBuilder<ContainerResource> AddDockerfile(this IDistributedApplicationBuilder builder, string name, string contextPath, string? dockerfilePath = null, string? stage = null)
    {
        var context = Path.GetFullPath(contextPath, builder.AppHostDirectory);
        var dockerfile = Path.GetFullPath(dockerfilePath ?? "Dockerfile", context);
        var tag = BuildTag(context, dockerfile, stage);
        return builder.AddResource(new ContainerResource(name))
            .WithImage(name.ToLowerInvariant(), tag)
            .WithAnnotation(new DockerfileBuildAnnotation(context, dockerfile, stage));
    }

    /// <summary>
    /// The container's image is built from <paramref name="dockerfilePath"/> (relative to <paramref name="contextPath"/>,
    /// default <c>Dockerfile</c>) with <paramref name="contextPath"/> (relative to the AppHost folder) as build context.
    /// The image it names stays its base (<c>TryGetContainerImageName(useBuiltImage: false, …)</c>); the build is tagged
    /// <c>&lt;resource&gt;:&lt;hash&gt;</c>, as AddDockerfile's.
    /// </summary>
    public static IResourceBuilder<T> WithDockerfile<T>(this IResourceBuilder<T> builder, string contextPath, string? dockerfilePath = null, string? stage = null) where T : ContainerResource
    {
        ArgumentException.ThrowIfNullOrEmpty(contextPath);
        var context = Path.GetFullPath(contextPath, builder.ApplicationBuilder.AppHostDirectory);
        var dockerfile = Path.GetFullPath(dockerfilePath ?? "Dockerfile", context);
        var name = builder.Resource.Name.ToLowerInvariant();
        return builder.WithBuild(new DockerfileBuildAnnotation(context, dockerfile, stage) { ImageName = name, ImageTag = BuildTag(context, dockerfile, stage) });
    }

    /// <summary>A build argument of the resource's Dockerfile (<c>ARG name</c>); null takes it from the builder's environment.</summary>
    public static IResourceBuilder<T> WithBuildArg<T>(this IResourceBuilder<T> builder, string name, object? value) where T : ContainerResource
    {
        if (!builder.Resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out var build))
        {
            throw new DistributedApplicationException($"'{builder.Resource.Name}' has no Dockerfile to pass the build argument {name} to: add it with AddDockerfile.");
        }

        // Literals become the text the build sees, so every publisher writes them the same.
        build.BuildArguments[name] = value switch
        {
            IResourceBuilder<ParameterResource> parameter => parameter.Resource,
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        return builder;
    }

    /// <summary>
    /// A build argument from a parameter. A secret parameter is refused, as Aspire does: a build argument stays in the
    /// image's history for anyone who pulls it.
    /// </summary>
    public static IResourceBuilder<T> WithBuildArg<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> value) where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Resource.Secret)
        {
            throw new DistributedApplicationException(
                $"'{builder.Resource.Name}' would get the secret parameter '{value.Resource.Name}' as build argument {name}, which the image's history keeps: " +
                $"pass it with WithBuildSecret(\"{name}\", …) and read it with RUN --mount=type=secret,id={name}.");
        }

        return builder.WithBuildArg(name, (object)value);
    }

    /// <summary>
    /// A secret the Dockerfile reads with <c>RUN --mount=type=secret,id=<paramref name="name"/></c>: passed to the build, never
    /// written into the image or any published file (the manifest names the parameter; Compose passes it as a build secret).
    /// </summary>
    public static IResourceBuilder<T> WithBuildSecret<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> value) where T : ContainerResource
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!builder.Resource.TryGetLastAnnotation<DockerfileBuildAnnotation>(out var build))
        {
            throw new DistributedApplicationException(
                $"'{builder.Resource.Name}' has no Dockerfile to pass the build secret {name} to: add it with AddDockerfile, WithDockerfile, WithDockerfileFactory or WithDockerfileBuilder first.");
        }

        build.BuildSecrets[name] = value.Resource;
        return builder;
    }

    /// <summary>
    /// Publishes the executable as the image built from the Dockerfile in its working directory, as Aspire does: the
    /// image runs its own command, since the model's arguments are this machine's. A Python or JavaScript app whose folder
    /// has none gets one generated at publish, as in Aspire 13. Runs as before on this machine.
    /// </summary>
    public static IResourceBuilder<T> PublishAsDockerFile<T>(this IResourceBuilder<T> builder) where T : ExecutableResource
    {
        // Idempotent, as Aspire's: a JavaScript app already publishes this way, and calling it again says so explicitly.
        if (builder.Resource.OfAnnotation<DockerfileBuildAnnotation>().Any())
        {
            return builder;
        }

        var directory = builder.Resource.WorkingDirectory;
        return builder.WithAnnotation(new DockerfileBuildAnnotation(directory, Path.Combine(directory, "Dockerfile"), stage: null));
    }

    /// <summary>
    /// Publishes the container as a container: what every container is published as already (<c>container.v0</c>, or
    /// <c>container.v1</c> with its build for an image built from a Dockerfile), so it changes nothing, as in Aspire 13.
    /// </summary>
    public static IResourceBuilder<T> PublishAsContainer<T>(this IResourceBuilder<T> builder) where T : ContainerResource =>
        builder;

    /// <summary>
    /// The resource's build, in place of any before it (as Aspire). The image it names, if any, stays: what a Dockerfile
    /// can build on; one without gets the build's.
    /// </summary>
    private static IResourceBuilder<T> WithBuild<T>(this IResourceBuilder<T> builder, DockerfileBuildAnnotation build) where T : ContainerResource
    {
        foreach (var previous in builder.Resource.OfAnnotation<DockerfileBuildAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(previous);
        }

        builder.WithAnnotation(build);
        return builder.Resource.OfAnnotation<ContainerImageAnnotation>().Any() ? builder : builder.WithImage(build.ImageName!, build.ImageTag);
    }

    /// <summary>A tag named after the build inputs, so that one AppHost's image of a Dockerfile never replaces another's.</summary>
    private static string BuildTag(params string?[] inputs) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', inputs))))[..12];
}
