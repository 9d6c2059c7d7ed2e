using Nuzantara.Backend.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddNpgsqlDataSource("nuzantara");

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapExampleApi();

app.Run();
