using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static partial class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// One endpoint per <c>Kestrel:Endpoints</c> entry with a Url, as in Aspire: named after its scheme when it is the only
    /// one of that scheme, after its Kestrel name otherwise. Run mode keeps the Url's port as the endpoint's port; publish
    /// mode makes it the target port, since the platform chooses the public one. Returns the host each endpoint's Url
    /// named, kept for the run-mode override; none when the settings have no Kestrel endpoints.
    /// Unlike Aspire, publishing adds no default https endpoint on the http one's target port (and so does not move a
    /// declared https endpoint onto it): the image serves no TLS there, and service discovery would prefer it.
    /// </summary>
    private static Dictionary<EndpointAnnotation, string> AddKestrelEndpoints(IResourceBuilder<ProjectResource> project, IConfiguration settings, bool isPublishMode)
    {
        var http2ByDefault = EndpointDefaultsAreHttp2(settings);
        var hosts = new Dictionary<EndpointAnnotation, string>();
        var bySchemes = settings.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(entry => entry["Url"] is not null)
            .Select(entry => (Name: entry.Key, Address: ParseKestrelUrl(project.Resource, entry), Protocols: entry["Protocols"]))
            .GroupBy(entry => entry.Address.Scheme)
            .ToList();
        foreach (var scheme in bySchemes)
        {
            foreach (var (name, address, protocols) in scheme)
            {
                var endpointName = scheme.Count() == 1 ? scheme.Key : name;
                project.WithEndpoint(scheme: address.Scheme, name: endpointName);
                var endpoint = project.Resource.GetEndpoints().Single(e => e.Name == endpointName);
                if (isPublishMode)
                {
                    endpoint.TargetPort = address.Port;
                }
                else
                {
                    endpoint.Port = address.Port;
                }

                // An endpoint's own Protocols win over the defaults, as in Kestrel.
                if (protocols is not null ? protocols == "Http2" : http2ByDefault)
                {
                    endpoint.Transport = "http2";
                }

                hosts[endpoint] = string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? "localhost" : address.Host;
            }
        }

        return hosts;
    }

    /// <summary>
    /// Kestrel's configuration wins over ASPNETCORE_URLS in the process, so each http(s) endpoint's Url is overridden
    /// through <c>Kestrel__Endpoints__{name}__Url</c> with the port the model gives it; in run mode on the host the
    /// settings named, in publish mode on every interface, as in Aspire.
    /// </summary>
    private static void AddKestrelUrlOverrides(EnvironmentCallbackContext context, ProjectResource project, IReadOnlyDictionary<EndpointAnnotation, string> hosts)
    {
        var endpoints = project.GetEndpoints()
            .Where(e => e.UriScheme is "http" or "https" && e.TargetPortEnvironmentVariable is null);
        foreach (var endpoint in endpoints)
        {
            var host = context.ExecutionContext.IsRunMode ? hosts.GetValueOrDefault(endpoint, "*") : "*";
            var targetPort = new EndpointReference(project, endpoint.Name).Property(EndpointProperty.TargetPort);
            context.EnvironmentVariables[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = ReferenceExpression.Create($"{endpoint.UriScheme}://{host}:{targetPort}");
        }
    }

    private static BindingAddress ParseKestrelUrl(ProjectResource project, IConfigurationSection entry)
    {
        try
        {
            return BindingAddress.Parse(entry["Url"]!);
        }
        catch (FormatException ex)
        {
            throw new DistributedApplicationException(
                $"Project '{project.Name}': {entry.Path}:Url ('{entry["Url"]}') is not a URL Kestrel can listen on ({ex.Message}). Fix it in the project's appsettings.json, e.g. http://localhost:5100.", ex);
        }
    }
}
