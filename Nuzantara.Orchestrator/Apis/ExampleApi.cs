namespace Nuzantara.Orchestrator.Apis;

public static class ExampleApi
{
    /// <summary>The original system's smoke-test route.</summary>
    public static IEndpointRouteBuilder MapExampleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/example", () => Results.Ok(new { data = "example" }));
        return app;
    }
}
