using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>The certificate a resource serves HTTPS with (WithHttpsDeveloperCertificate, WithHttpsCertificate), as Aspire records it.</summary>
[Experimental("ASPIRECERTIFICATES001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public sealed class HttpsCertificateAnnotation : IResourceAnnotation
{
    public X509Certificate2? Certificate { get; init; }

    public ParameterResource? Password { get; init; }

    public bool? UseDeveloperCertificate { get; init; }
}
