namespace Nuzantara.Hosting.Tests.Testing;

/// <summary>
/// A web resource for AppHost fixtures that have none: Python's built-in HTTP server on the port the AppHost gives it,
/// healthy once GET / answers. Python is already needed by the repository's Python backend.
/// </summary>
internal static class TestWebResource
{
    private const string Server =
        "import http.server, os; http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), http.server.SimpleHTTPRequestHandler).serve_forever()";

    public static IResourceBuilder<ExecutableResource> AddTestWebResource(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddExecutable(name, "python3", ".", "-c", Server)
            .WithHttpEndpoint(env: "PORT")
            .WithHttpHealthCheck("/");
}
