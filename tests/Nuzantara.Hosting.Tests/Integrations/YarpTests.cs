using System.Net;
using Aspire.Hosting.Testing;
using Aspire.Hosting.Yarp;
using Aspire.Hosting.Yarp.Transforms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nuzantara.Hosting.Orchestration;
using Yarp.ReverseProxy.Configuration;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>AddYarp in run mode: the AppHost's in-process YARP forwards real requests to real backends.</summary>
public sealed class YarpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // Answers every GET with the path (and query) it was asked for.
    private const string EchoServer = """
        import http.server, os
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = ('echo ' + self.path).encode()
                self.send_response(200)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_gateway_forwards_to_an_endpoint_a_project_and_an_external_service_and_refuses_what_no_route_matches()
    {
        // A server outside the application, as an external service is: it answers "partner {path}".
        await using var partner = await LoopbackWebServer.StartAsync(
            server => server.Run(context => context.Response.WriteAsync($"partner {context.Request.Path}", context.RequestAborted)), Token);
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        var echo = builder.AddExecutable("echo", "python3", ".", "-c", EchoServer).WithHttpEndpoint(env: "PORT");
        var who = builder.AddProject<Projects.Nuzantara_Fixtures_WhoAmI>("who").WithHttpEndpoint();
        var external = builder.AddExternalService("partner", partner.Url);
        var gateway = builder.AddYarp("gateway").WithConfiguration(yarp =>
        {
            yarp.AddRoute("/api/{**catch-all}", echo.GetEndpoint("http")).WithTransformPathRemovePrefix("/api");
            yarp.AddRoute("/search/{**catch-all}", yarp.AddCluster("search", echo.GetEndpoint("http")))
                .WithMatchRouteQueryParameter(new RouteQueryParameter { Name = "q", Mode = QueryParameterMatchMode.Exists });
            yarp.AddRoute("/who/{**catch-all}", who).WithTransformPathRemovePrefix("/who");
            yarp.AddRoute("/partner/{**catch-all}", external).WithTransformPathRemovePrefix("/partner");
        });
        // As in Aspire's playground/yarp: the project behind the gateway references it back, which is no cycle to refuse.
        who.WithReference(gateway);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", Token).WaitAsync(Timeout, Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("who", Token).WaitAsync(Timeout, Token);
        var gatewayUrl = app.GetEndpoint("gateway", "http");
        using var http = new HttpClient { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(10) };

        // The python server may still be binding its port when the gateway is up: the first answers may be 502.
        var api = await Eventually.ReadAsync(() => http.GetAsync("/api/items/7?color=red", Token), r => r.StatusCode == HttpStatusCode.OK, Timeout, r => $"GET /api/items/7: {r.StatusCode}");
        Assert.Equal("echo /items/7?color=red", await api.Content.ReadAsStringAsync(Token));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/search/books", Token)).StatusCode);
        Assert.Equal("echo /search/books?q=yarp", await http.GetStringAsync("/search/books?q=yarp", Token));

        // WhoAmI answers "<instance> <port it was reached on> <pid>": reached on its own port, not the gateway's.
        var whoAmI = (await http.GetStringAsync("/who/", Token)).Split(' ');
        Assert.Equal(app.GetEndpoint("who", "http").Port.ToString(System.Globalization.CultureInfo.InvariantCulture), whoAmI[1]);

        Assert.Equal("partner /status", await http.GetStringAsync("/partner/status", Token));

        var snapshot = app.ResourceNotifications.GetSnapshot("gateway")!;
        Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
        Assert.Equal(gatewayUrl.ToString().TrimEnd('/'), Assert.Single(snapshot.Urls).Url.TrimEnd('/'));
        Assert.Contains(app.ResourceLogs.GetLines("gateway"), l => l.Text.Contains("YARP listening on", StringComparison.Ordinal));

        await app.StopAsync(Token);
        Assert.Null(PortAllocator.PortHolder(gatewayUrl.Host, gatewayUrl.Port));
        Assert.Equal(KnownResourceStates.Exited, app.ResourceNotifications.GetSnapshot("who")!.State?.Text);
    }

    [Fact]
    public async Task A_route_YARP_refuses_leaves_the_gateway_FailedToStart_with_YARPs_reason()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create("--runtime", "process");
        builder.AddYarp("gateway").WithConfiguration(yarp => yarp.AddRoute("/{**catch-all}", yarp.AddCluster("nowhere", "http://127.0.0.1:1/")).WithMatchPath("/{a}/{a}"));
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        var snapshot = await Eventually.ReadAsync(() => Task.FromResult(app.ResourceNotifications.GetSnapshot("gateway")!),
            s => s.State?.Text == KnownResourceStates.FailedToStart, Timeout, s => $"gateway is {s.State?.Text}");
        Assert.Contains("YARP in 'gateway' did not start", snapshot.StateReason, StringComparison.Ordinal);
        Assert.Contains("route0", snapshot.StateReason, StringComparison.Ordinal);
    }
}
