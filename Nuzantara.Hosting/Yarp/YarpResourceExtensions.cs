using Aspire.Hosting.Yarp;
using Nuzantara.Hosting.Yarp;

namespace Aspire.Hosting;

/// <summary>Aspire's YARP integration: AddYarp and the settings of the YARP resource.</summary>
public static class YarpResourceExtensions
{
    /// <summary>
    /// A YARP reverse proxy with an http endpoint (target port 5000, as in Aspire's YARP image). Routes and clusters come
    /// from WithConfiguration; they reach YARP as <c>REVERSEPROXY__…</c> variables, in run mode and published alike.
    /// </summary>
    public static IResourceBuilder<YarpResource> AddYarp(this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new YarpResource(name);
        return builder.AddResource(resource)
            .WithHttpEndpoint(name: "http", targetPort: YarpContainerImage.HttpPort)
            .WithImage(YarpContainerImage.Image, YarpContainerImage.Tag)
            .WithImageRegistry(YarpContainerImage.Registry)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEntrypoint("dotnet")
            .WithArgs("/app/yarp.dll")
            .WithOtlpExporter()
            .WithEnvironment(context => YarpEnvironmentVariables.Write(context.EnvironmentVariables, resource));
    }

    /// <summary>Adds routes and clusters; may be called more than once, the route ids then continue.</summary>
    public static IResourceBuilder<YarpResource> WithConfiguration(this IResourceBuilder<YarpResource> builder, Action<IYarpConfigurationBuilder> configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder(new YarpConfigurationBuilder(builder));
        return builder;
    }

    /// <summary>The http endpoint's port on the host, instead of a free one.</summary>
    public static IResourceBuilder<YarpResource> WithHostPort(this IResourceBuilder<YarpResource> builder, int? port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithEndpoint("http", endpoint => endpoint.Port = port);
    }

    /// <summary>
    /// Accepted as in Aspire, where it sets the port of the https endpoint the YARP container gets when the AppHost has
    /// a TLS certificate to give it. The AppHost gives none here, so YARP serves http only and the port is kept unused.
    /// </summary>
    public static IResourceBuilder<YarpResource> WithHostHttpsPort(this IResourceBuilder<YarpResource> builder, int? port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.HostHttpsPort = port;
        return builder.WithEndpoint("https", endpoint => endpoint.Port = port, createIfNotExists: false);
    }

    /// <summary>Tells Aspire's YARP image to serve the files of its <c>wwwroot</c> folder besides the routes.</summary>
    public static IResourceBuilder<YarpResource> WithStaticFiles(this IResourceBuilder<YarpResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithEnvironment("YARP_ENABLE_STATIC_FILES", "true");
    }

    /// <summary>
    /// Serves the files of <paramref name="sourcePath"/> (relative to the AppHost's folder) besides the routes: in run mode
    /// the in-process proxy serves the folder itself. Publishing, Aspire builds an image with the files in it; here the
    /// published YARP container gets the setting but not the files (see README).
    /// </summary>
    public static IResourceBuilder<YarpResource> WithStaticFiles(this IResourceBuilder<YarpResource> builder, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sourcePath);
        builder.Resource.StaticFilesPath = Path.GetFullPath(sourcePath, builder.ApplicationBuilder.AppHostDirectory);
        return builder.WithStaticFiles();
    }
}
