using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Tells a resource where its HTTPS certificate files are (WithHttpsCertificateConfiguration).</summary>
[Experimental("ASPIRECERTIFICATES001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public sealed class HttpsCertificateConfigurationCallbackAnnotation(Func<HttpsCertificateConfigurationCallbackAnnotationContext, Task> callback) : IResourceAnnotation
{
    public Func<HttpsCertificateConfigurationCallbackAnnotationContext, Task> Callback { get; } = callback;
}

/// <summary>What the callback of <see cref="HttpsCertificateConfigurationCallbackAnnotation"/> sees: the certificate's paths and the resource's arguments and environment to add them to.</summary>
[Experimental("ASPIRECERTIFICATES001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public sealed class HttpsCertificateConfigurationCallbackAnnotationContext
{
    public required List<object> Arguments { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    public required ReferenceExpression CertificatePath { get; init; }

    public required Dictionary<string, object> EnvironmentVariables { get; init; }

    public required DistributedApplicationExecutionContext ExecutionContext { get; init; }

    public required ReferenceExpression KeyPath { get; init; }

    public required IValueProvider? Password { get; init; }

    public required ReferenceExpression PfxPath { get; init; }

    public required IResource Resource { get; init; }
}
