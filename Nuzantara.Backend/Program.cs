using Nuzantara.Backend.Apis;
using Nuzantara.Backend.Documents;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("redis");
builder.AddNpgsqlDataSource("nuzantara");

builder.Services.AddOptions<DocumentsOptions>().BindConfiguration(DocumentsOptions.Section);
builder.Services.AddHostedService<DocumentSchema>();
builder.Services.AddSingleton<DocumentStore>();
builder.Services.AddSingleton<DocumentCache>();
builder.Services.AddSingleton<DocumentInputReader>();
builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapExampleApi();
app.MapDocumentsApi();

app.Run();
