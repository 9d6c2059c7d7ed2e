var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => "Healthy");
app.MapGet("/rows", (IConfiguration configuration) => configuration["InsertionRows"]);
app.Run();
