using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Nuzantara.Orchestrator.Proxy;

/// <summary>
/// <c>/api/documents/**</c> forwarded to the backend by YARP, the destination found through service discovery. YARP
/// propagates the W3C trace context, so a proxied request is one trace across both services.
/// </summary>
public static class DocumentsProxy
{
    private const string Cluster = "backend";
    private const string MaxBodyKey = "Nuzantara:Gateway:MaxRequestBodyBytes";
    private const long DefaultMaxBodyBytes = 512 * 1024;

    public static IServiceCollection AddDocumentsProxy(this IServiceCollection services)
    {
        services.AddReverseProxy()
            .LoadFromMemory(
                [
                    new RouteConfig { RouteId = "documents", ClusterId = Cluster, Match = new RouteMatch { Path = "/api/documents/{**rest}" } },
                ],
                [
                    new ClusterConfig
                    {
                        ClusterId = Cluster,
                        Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = "http://backend" } },
                    },
                ])
            .AddServiceDiscoveryDestinationResolver();
        return services;
    }

    public static IEndpointRouteBuilder MapDocumentsProxy(this IEndpointRouteBuilder app)
    {
        var maxBody = app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(MaxBodyKey, DefaultMaxBodyBytes);
        // The backend's own limit, enforced here too: a body the backend would refuse is refused before it is streamed.
        app.MapReverseProxy(proxy => proxy.Use(AnswerFailedForwardAsProblem))
            .WithMetadata(new RequestSizeLimitAttribute(maxBody));
        return app;
    }

    /// <summary>
    /// YARP answers a failed forward with an empty body: a backend that cannot be reached becomes the same 503 problem
    /// details as everywhere else, the caller's own mistakes (a body over the limit: 413) keep their status.
    /// </summary>
    private static async Task AnswerFailedForwardAsProblem(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Features.Get<IForwarderErrorFeature>() is not { } error || context.Response.HasStarted)
        {
            return;
        }

        var unavailable = context.Response.StatusCode is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable
            or StatusCodes.Status504GatewayTimeout;
        context.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : context.Response.StatusCode;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        // TryWrite: a caller whose Accept header refuses JSON still gets the status, with an empty body.
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = unavailable ? "Backend unavailable" : null,
                Detail = unavailable
                    ? $"The documents backend could not be reached ({error.Error}). Retry shortly."
                    : $"The request could not be forwarded ({error.Error}).",
            },
        });
    }
}
