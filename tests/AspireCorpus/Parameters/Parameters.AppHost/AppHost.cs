// Written for Nuzantara's AppHost corpus, not copied: its API usage is modelled on dotnet/aspire's playground
// (commit d44e195d6045): playground/ParameterEndToEnd/ParameterEndToEnd.AppHost/AppHost.cs (parameters, descriptions,
// connection strings), playground/ExternalServices/ExternalServices.AppHost/AppHost.cs (external services) and
// playground/waitfor/WaitForSandbox.AppHost (a setup step waited on to completion), with eventing as Aspire's docs
// show it. Left out, as this engine lacks them: AddSqlServer, AddYarp, and
// WithEnvironment(name, external service) (WithReference to it stands in).
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var builder = DistributedApplication.CreateBuilder(args);

var insertionRows = builder.AddParameter("insertionrows")
    .WithDescription("The number of rows to insert into the database.");
var apiKey = builder.AddParameter("api-key", secret: true);
#pragma warning disable ASPIREINTERACTION001
var region = builder.AddParameter("region", "westeurope", publishValueAsDefault: true)
    .WithCustomInput(parameter => new InteractionInput
    {
        Name = parameter.Name,
        InputType = InputType.Choice,
        Label = "Region",
        Options = [new("westeurope", "West Europe"), new("eastus", "East US")],
    });
#pragma warning restore ASPIREINTERACTION001
var greeting = builder.AddParameter("greeting", () => "hello");

var markdownDescription = builder.AddParameter("markdownDescription")
    .WithDescription("""
        A parameter with a **markdown** description.

        - Item 1
        - Item 2
        """, enableMarkdown: true);

var db = builder.AddConnectionString("db");
var reports = builder.AddConnectionString("reports", "REPORTS_CONNECTION");

var externalServiceUrl = builder.AddParameter("external-service-url")
    .WithDescription("The URL of the external service.");
var externalService = builder.AddExternalService("external-service", externalServiceUrl);
var nuget = builder.AddExternalService("nuget", "https://api.nuget.org/");

var setup = builder.AddExecutable("dbsetup", "dotnet", ".", "--info")
    .WithArgs("--list-sdks")
    .WithEnvironment("ROWS", insertionRows);

var api = builder.AddProject<Projects.Parameters_ApiService>("api")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithEnvironment("InsertionRows", insertionRows)
    .WithEnvironment("API_KEY", apiKey)
    .WithEnvironment("REGION", region)
    .WithEnvironment("GREETING", greeting)
    .WithEnvironment("DESCRIBED", markdownDescription)
    .WithEnvironment(context => context.EnvironmentVariables["STARTED_BY"] = "corpus")
    .WithReference(db)
    .WithReference(reports)
    .WithReference(nuget)
    .WithReference(externalService)
    .WaitForCompletion(setup)
    .WithUrls(context => context.Urls.Add(new() { Url = "/rows", DisplayText = "Rows" }));

builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
{
    var logger = @event.Services.GetRequiredService<ILogger<Program>>();
    logger.LogInformation("Starting {Count} resources", @event.Model.Resources.Count);
    return Task.CompletedTask;
});

api.OnResourceReady((resource, @event, cancellationToken) =>
{
    var logger = @event.Services.GetRequiredService<ILogger<Program>>();
    logger.LogInformation("{Resource} is ready", resource.Name);
    return Task.CompletedTask;
});

builder.Build().Run();
