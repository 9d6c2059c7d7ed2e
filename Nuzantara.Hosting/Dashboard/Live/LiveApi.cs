using Microsoft.AspNetCore.Routing;

namespace Nuzantara.Hosting.Dashboard.Live;

/// <summary>
/// The event streams the pages follow instead of polling (<c>/api/…/stream</c>, listed in docs/dashboard.md): each
/// sends the page's full state first, so a reconnecting EventSource starts from the truth, then each change.
/// </summary>
internal static class LiveApi
{
    public static void MapLiveApi(this IEndpointRouteBuilder api)
    {
        api.MapResourceStreams();
        api.MapTelemetryStreams();
        api.MapAlertStream();
    }
}
