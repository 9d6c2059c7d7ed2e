using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting;

// Aspire trusts and serves the ASP.NET Core developer certificate. This AppHost has none: on Linux `dotnet dev-certs https`
// creates one that nothing on the machine trusts (no system store to add it to), and the runtime does not hand it to
// resources. So these calls are recorded in the model and change nothing at run time or in what is published; a
// resource that needs HTTPS serves it with a certificate of its own. The last call wins, as in Aspire.
public static partial class ResourceBuilderExtensions
{
    /// <summary>
    /// Aspire adds its developer certificate to the resource's trusted authorities (<paramref name="trust"/>) or not. Here
    /// there is no developer certificate to add: the resource trusts what its image or the machine trusts, either way.
    /// </summary>
    public static IResourceBuilder<TResource> WithDeveloperCertificateTrust<TResource>(this IResourceBuilder<TResource> builder, bool trust)
        where TResource : IResourceWithEnvironment, IResourceWithArgs =>
        builder.ReplaceAnnotation(new DeveloperCertificateTrustAnnotation(trust));

    /// <summary>Aspire serves HTTPS with its developer certificate; here it is recorded only (no developer certificate: see above).</summary>
    [Experimental("ASPIRECERTIFICATES001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<TResource> WithHttpsDeveloperCertificate<TResource>(this IResourceBuilder<TResource> builder,
        IResourceBuilder<ParameterResource>? password = null)
        where TResource : IResourceWithEnvironment, IResourceWithArgs =>
        builder.ReplaceAnnotation(new HttpsCertificateAnnotation { UseDeveloperCertificate = true, Password = password?.Resource });

    /// <summary>Serves HTTPS with <paramref name="certificate"/>; recorded only: the resource is not given the certificate's files here.</summary>
    [Experimental("ASPIRECERTIFICATES001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<TResource> WithHttpsCertificate<TResource>(this IResourceBuilder<TResource> builder, X509Certificate2 certificate,
        IResourceBuilder<ParameterResource>? password = null)
        where TResource : IResourceWithEnvironment, IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return builder.ReplaceAnnotation(new HttpsCertificateAnnotation { Certificate = certificate, Password = password?.Resource });
    }

    /// <summary>No certificate for the resource, the developer one included (Aspire's opt-out).</summary>
    [Experimental("ASPIRECERTIFICATES001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<TResource> WithoutHttpsCertificate<TResource>(this IResourceBuilder<TResource> builder)
        where TResource : IResourceWithEnvironment, IResourceWithArgs =>
        builder.ReplaceAnnotation(new HttpsCertificateAnnotation { UseDeveloperCertificate = false });

    /// <summary>
    /// How the resource is told its certificate's files (Aspire calls <paramref name="callback"/> with their paths when
    /// it has a certificate for the resource). Without a developer certificate here the callback is kept but never
    /// called, so the resource starts without those variables or arguments.
    /// </summary>
    [Experimental("ASPIRECERTIFICATES001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<TResource> WithHttpsCertificateConfiguration<TResource>(this IResourceBuilder<TResource> builder,
        Func<HttpsCertificateConfigurationCallbackAnnotationContext, Task> callback)
        where TResource : IResourceWithEnvironment, IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(callback);
        return builder.WithAnnotation(new HttpsCertificateConfigurationCallbackAnnotation(callback));
    }

    private static IResourceBuilder<T> ReplaceAnnotation<T, TAnnotation>(this IResourceBuilder<T> builder, TAnnotation annotation)
        where T : IResource where TAnnotation : IResourceAnnotation
    {
        foreach (var previous in builder.Resource.OfAnnotation<TAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(previous);
        }

        return builder.WithAnnotation(annotation);
    }
}
