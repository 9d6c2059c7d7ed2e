using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting;

/// <summary>
/// A service the AppHost does not run (a partner API, a managed endpoint): resources reference its URL as they would an
/// endpoint. It is Running as soon as the application starts, and never published: its URL reaches the deployment
/// through the referencing resources' environment.
/// </summary>
public sealed class ExternalServiceResource : Resource
{
    public ExternalServiceResource(string name, Uri uri) : base(name)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (Invalid(uri) is { } message)
        {
            throw new ArgumentException(message, nameof(uri));
        }

        Uri = uri;
    }

    public ExternalServiceResource(string name, ParameterResource urlParameter) : base(name)
    {
        ArgumentNullException.ThrowIfNull(urlParameter);
        UrlParameter = urlParameter;
    }

    public Uri? Uri { get; }

    public ParameterResource? UrlParameter { get; }

    /// <summary>Aspire's rules: absolute, a path ending in '/' (so relative paths append), no query or fragment.</summary>
    internal static bool IsValidUrl(string? url, [NotNullWhen(true)] out Uri? uri, [NotNullWhen(false)] out string? message)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out uri))
        {
            message = "The URL for the external service must be an absolute URI.";
            return false;
        }

        message = Invalid(uri);
        return message is null;
    }

    private static string? Invalid(Uri uri) =>
        !uri.IsAbsoluteUri ? "The URI for the external service must be absolute."
        : !uri.AbsolutePath.EndsWith('/') ? "The URI absolute path must end with '/'."
        : uri.Fragment.Length > 0 ? "The URI cannot contain a fragment."
        : uri.Query.Length > 0 ? "The URI cannot contain a query string."
        : null;
}
