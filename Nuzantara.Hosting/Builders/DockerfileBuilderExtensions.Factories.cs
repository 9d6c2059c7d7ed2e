using System.Diagnostics.CodeAnalysis;
using System.Text;
using Aspire.Hosting.ApplicationModel.Docker;

namespace Aspire.Hosting;

/// <summary>
/// Images built from a Dockerfile written by code, as Aspire's WithDockerfileFactory and WithDockerfileBuilder: the
/// code runs when the Dockerfile is needed (a publish writes it next to the output as <c>&lt;resource&gt;.Dockerfile</c>;
/// a run writes it to a temporary file and builds from it), with <c>contextPath</c> as the build context.
/// </summary>
public static partial class DockerfileBuilderExtensions
{
    /// <inheritdoc cref="WithDockerfileFactory{T}(IResourceBuilder{T}, string, Func{DockerfileFactoryContext, Task{string}}, string?)"/>
    public static IResourceBuilder<T> WithDockerfileFactory<T>(this IResourceBuilder<T> builder, string contextPath, Func<DockerfileFactoryContext, string> dockerfileFactory, string? stage = null)
        where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(dockerfileFactory);
        return builder.WithDockerfileFactory(contextPath, context => Task.FromResult(dockerfileFactory(context)), stage);
    }

    /// <summary>
    /// The resource's image is built from the Dockerfile <paramref name="dockerfileFactory"/> returns, with
    /// <paramref name="contextPath"/> (relative to the AppHost folder) as build context. A resource that names an image
    /// (AddRedis) keeps it, so the factory can build on it (<c>TryGetContainerImageName(useBuiltImage: false, …)</c>);
    /// its build is tagged with a name of its own.
    /// </summary>
    public static IResourceBuilder<T> WithDockerfileFactory<T>(this IResourceBuilder<T> builder, string contextPath, Func<DockerfileFactoryContext, Task<string>> dockerfileFactory, string? stage = null)
        where T : ContainerResource
    {
        ArgumentException.ThrowIfNullOrEmpty(contextPath);
        ArgumentNullException.ThrowIfNull(dockerfileFactory);
        var context = Path.TrimEndingDirectorySeparator(Path.GetFullPath(contextPath, builder.ApplicationBuilder.AppHostDirectory));
        var name = builder.Resource.Name.ToLowerInvariant();
        var tag = BuildTag(context, builder.Resource.Name, stage);
        // Outside the context, so the build never sends it twice nor sees it as a file of the app.
        var dockerfile = Path.Combine(Path.GetTempPath(), "nuzantara-dockerfiles", $"{name}-{tag}", "Dockerfile");
        return builder.WithBuild(new DockerfileBuildAnnotation(context, dockerfile, stage) { DockerfileFactory = dockerfileFactory, ImageName = name, ImageTag = tag });
    }

    /// <summary>A container whose image is built from the Dockerfile <paramref name="dockerfileFactory"/> returns.</summary>
    public static IResourceBuilder<ContainerResource> AddDockerfileFactory(this IDistributedApplicationBuilder builder, string name, string contextPath, Func<DockerfileFactoryContext, string> dockerfileFactory, string? stage = null) =>
        builder.AddResource(new ContainerResource(name)).WithDockerfileFactory(contextPath, dockerfileFactory, stage);

    /// <inheritdoc cref="AddDockerfileFactory(IDistributedApplicationBuilder, string, string, Func{DockerfileFactoryContext, string}, string?)"/>
    public static IResourceBuilder<ContainerResource> AddDockerfileFactory(this IDistributedApplicationBuilder builder, string name, string contextPath, Func<DockerfileFactoryContext, Task<string>> dockerfileFactory, string? stage = null) =>
        builder.AddResource(new ContainerResource(name)).WithDockerfileFactory(contextPath, dockerfileFactory, stage);

    /// <inheritdoc cref="WithDockerfileBuilder{T}(IResourceBuilder{T}, string, Func{DockerfileBuilderCallbackContext, Task}, string?)"/>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<T> WithDockerfileBuilder<T>(this IResourceBuilder<T> builder, string contextPath, Action<DockerfileBuilderCallbackContext> callback, string? stage = null)
        where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(callback);
        return builder.WithDockerfileBuilder(contextPath, context =>
        {
            callback(context);
            return Task.CompletedTask;
        }, stage);
    }

    /// <summary>
    /// The resource's image is built from a Dockerfile written with <see cref="DockerfileBuilder"/> by
    /// <paramref name="callback"/>. Called again, the callbacks add up: each runs, in order, on the same builder.
    /// </summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<T> WithDockerfileBuilder<T>(this IResourceBuilder<T> builder, string contextPath, Func<DockerfileBuilderCallbackContext, Task> callback, string? stage = null)
        where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (builder.Resource.TryGetLastAnnotation<DockerfileBuilderCallbackAnnotation>(out var callbacks))
        {
            callbacks.AddCallback(callback);
            return builder;
        }

        builder.WithAnnotation(new DockerfileBuilderCallbackAnnotation(callback));
        return builder.WithDockerfileFactory(contextPath, WriteWithCallbacksAsync, stage);
    }

    /// <summary>A container whose image is built from a Dockerfile written with <see cref="DockerfileBuilder"/> by <paramref name="callback"/>.</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<ContainerResource> AddDockerfileBuilder(this IDistributedApplicationBuilder builder, string name, string contextPath, Action<DockerfileBuilderCallbackContext> callback, string? stage = null) =>
        builder.AddResource(new ContainerResource(name)).WithDockerfileBuilder(contextPath, callback, stage);

    /// <inheritdoc cref="AddDockerfileBuilder(IDistributedApplicationBuilder, string, string, Action{DockerfileBuilderCallbackContext}, string?)"/>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<ContainerResource> AddDockerfileBuilder(this IDistributedApplicationBuilder builder, string name, string contextPath, Func<DockerfileBuilderCallbackContext, Task> callback, string? stage = null) =>
        builder.AddResource(new ContainerResource(name)).WithDockerfileBuilder(contextPath, callback, stage);

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    private static async Task<string> WriteWithCallbacksAsync(DockerfileFactoryContext factoryContext)
    {
        var dockerfile = new DockerfileBuilder();
        var context = new DockerfileBuilderCallbackContext(factoryContext.Resource, dockerfile, factoryContext.Services, factoryContext.CancellationToken);
        foreach (var callback in factoryContext.Resource.OfAnnotation<DockerfileBuilderCallbackAnnotation>().SelectMany(a => a.Callbacks))
        {
            await callback(context).ConfigureAwait(false);
        }

        // Dockerfiles are read the same everywhere with LF endings and no byte-order mark.
        using var buffer = new MemoryStream();
        var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            await dockerfile.WriteAsync(writer, factoryContext.CancellationToken).ConfigureAwait(false);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
