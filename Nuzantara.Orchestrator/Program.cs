using Nuzantara.Orchestrator.Apis;
using Nuzantara.Orchestrator.Proxy;
using Nuzantara.Orchestrator.Search;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
builder.Services.AddHttpClient<BackendClient>(http => http.BaseAddress = new Uri(BackendClient.BaseAddress));
// Ranking can be done without: give up fast and answer in the backend's order rather than hold the search. Replacing the
// default handler is how the resilience package documents per-client policies; the API is marked experimental.
#pragma warning disable EXTEXP0001
builder.Services.AddHttpClient<RankingClient>(http => http.BaseAddress = new Uri(RankingClient.BaseAddress))
    .RemoveAllResilienceHandlers()
    .AddStandardResilienceHandler(resilience =>
    {
        resilience.Retry.MaxRetryAttempts = 1;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(50);
        resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
        resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(3);
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
    });
#pragma warning restore EXTEXP0001
builder.Services.AddDocumentsProxy();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapExampleApi();
app.MapSearchApi();
app.MapDocumentsProxy();

app.Run();
