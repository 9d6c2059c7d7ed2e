using System.Diagnostics.CodeAnalysis;
using Aspire.Hosting.JavaScript;

namespace Aspire.Hosting;

public static partial class JavaScriptHostingExtensions
{
    /// <summary>
    /// Aspire adds a child resource that opens <paramref name="browser"/> under an IDE's debugger on the app's http(s)
    /// endpoint. No IDE attaches here, so nothing is added; as in Aspire the app must have an http or https endpoint.
    /// </summary>
    [Experimental("ASPIREEXTENSION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<T> WithBrowserDebugger<T>(this IResourceBuilder<T> builder, string browser = "msedge") where T : JavaScriptAppResource
    {
        ArgumentException.ThrowIfNullOrEmpty(browser);
        if (!builder.Resource.GetEndpoints().Any(e => e.UriScheme is "http" or "https"))
        {
            throw new DistributedApplicationException(
                $"WithBrowserDebugger needs an http or https endpoint on '{builder.Resource.Name}' to open: add one first, with WithHttpEndpoint(env: \"PORT\").");
        }

        return builder;
    }
}
