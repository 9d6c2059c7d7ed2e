var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => "Healthy");
app.MapGet("/weatherforecast", () => new[] { new { Summary = "Mild", TemperatureC = 18 } });
app.Run();
