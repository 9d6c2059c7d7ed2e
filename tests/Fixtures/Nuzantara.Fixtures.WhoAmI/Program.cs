// Listens where ASPNETCORE_URLS says. GET / answers "<service.instance.id> <port it was reached on> <pid>"; GET /health "ok".
var app = WebApplication.CreateSlimBuilder(args).Build();
var instance = Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES")?.Replace("service.instance.id=", string.Empty, StringComparison.Ordinal) ?? "?";
app.MapGet("/", (HttpContext context) => $"{instance} {context.Connection.LocalPort} {Environment.ProcessId}");
app.MapGet("/health", () => "ok");
app.Run();
