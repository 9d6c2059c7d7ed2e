using System.Net;
using Aspire.Hosting.Testing;

namespace Nuzantara.Hosting.Tests.Commands;

/// <summary>WithHttpCommand against a real HTTP server run as a resource.</summary>
public sealed class HttpCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Answers POST /reset and GET /status with 204 and says so on its console, GET /health with 200, anything else with 404.
    private const string Server = """
        import http.server, os
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                if self.path == '/health':
                    self.send_response(200)
                    self.end_headers()
                    return
                known = (self.command, self.path.split('?')[0]) in (('POST', '/reset'), ('GET', '/status'))
                print(f"{self.command} {self.path} key={self.headers.get('X-Admin-Key')}", flush=True)
                self.send_response(204 if known else 404)
                self.end_headers()
            do_GET = do_POST = answer
            def log_message(self, *args):
                pass
        http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_command_sends_its_request_to_the_resource_and_a_2xx_answer_is_success()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var admin = builder.AddExecutable("admin", "python3", ".", "-c", Server)
            .WithHttpEndpoint(env: "PORT")
            .WithHttpHealthCheck("/health")
            .WithHttpCommand("/reset", "Reset")
            .WithHttpCommand("/status", "Status", commandName: "status", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Get,
                PrepareRequest = request =>
                {
                    request.Request.Headers.Add("X-Admin-Key", "k-123");
                    return Task.CompletedTask;
                },
            })
            .WithHttpCommand("/missing", "Missing", commandName: "missing")
            .WithHttpCommand("/missing", "Missing, but fine", commandName: "lenient", commandOptions: new HttpCommandOptions
            {
                GetCommandResult = result => Task.FromResult(result.Response.StatusCode == HttpStatusCode.NotFound ? CommandResults.Success() : CommandResults.Failure()),
            });
        // Shown on another resource, sent to admin's endpoint.
        builder.AddExecutable("operator", "sleep", ".", "300")
            .WithHttpCommand("/reset?from=operator", "Reset admin", endpointSelector: () => admin.GetEndpoint("http"), commandName: "reset-admin");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var running = await app.ResourceNotifications.WaitForResourceAsync("admin", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);
        Assert.Equal(ResourceCommandState.Enabled, running.Snapshot.Commands.Single(c => c.Name == "admin-http-http-post-/reset").State);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("admin", Token).WaitAsync(Timeout, Token);

        var reset = await app.ResourceCommands.ExecuteCommandAsync("admin", "admin-http-http-post-/reset", Token);
        var status = await app.ResourceCommands.ExecuteCommandAsync("admin", "status", Token);
        var missing = await app.ResourceCommands.ExecuteCommandAsync("admin", "missing", Token);
        var lenient = await app.ResourceCommands.ExecuteCommandAsync("admin", "lenient", Token);
        await app.ResourceNotifications.WaitForResourceAsync("operator", KnownResourceStates.Running, Token).WaitAsync(Timeout, Token);
        var fromOperator = await app.ResourceCommands.ExecuteCommandAsync("operator", "reset-admin", Token);

        Assert.True(reset.Success, reset.ErrorMessage);
        Assert.True(status.Success, status.ErrorMessage);
        Assert.False(missing.Success);
        Assert.Contains("404", missing.ErrorMessage);
        Assert.True(lenient.Success, lenient.ErrorMessage);
        Assert.True(fromOperator.Success, fromOperator.ErrorMessage);
        var console = await ConsoleAsync(app, "admin", "POST /reset?from=operator");
        Assert.Contains("POST /reset key=None", console);
        Assert.Contains("GET /status key=k-123", console);
        Assert.Contains("POST /reset?from=operator key=None", console);
    }

    [Fact]
    public async Task The_command_is_disabled_while_the_resource_is_not_running()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("admin", "python3", ".", "-c", Server)
            .WithHttpEndpoint(env: "PORT")
            .WithExplicitStart()
            .WithHttpCommand("/reset", "Reset", commandName: "reset");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);

        var notStarted = await app.ResourceNotifications.WaitForResourceAsync("admin", KnownResourceStates.NotStarted, Token).WaitAsync(Timeout, Token);

        Assert.Equal(ResourceCommandState.Disabled, notStarted.Snapshot.Commands.Single(c => c.Name == "reset").State);
    }

    [Fact]
    public void A_resource_without_an_HTTP_endpoint_cannot_have_one()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        var database = builder.AddExecutable("db", "sleep", ".", "300").WithEndpoint(name: "tcp", scheme: "tcp");

        var noHttp = Assert.Throws<DistributedApplicationException>(() => database.WithHttpCommand("/reset", "Reset"));
        var notHttp = Assert.Throws<DistributedApplicationException>(() => database.WithHttpCommand("/reset", "Reset", endpointName: "tcp"));

        Assert.Contains("no endpoint named 'https' or 'http'", noHttp.Message);
        Assert.Contains("scheme 'tcp'", notHttp.Message);
    }

    private static async Task<string> ConsoleAsync(DistributedApplication app, string resource, string awaited)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var text = string.Join('\n', app.ResourceLogs.GetLines(resource).Select(l => l.Text));
            if (text.Contains(awaited, StringComparison.Ordinal) || DateTime.UtcNow >= deadline)
            {
                return text;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Token);
        }
    }
}
