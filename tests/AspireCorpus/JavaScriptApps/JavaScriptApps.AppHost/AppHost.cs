// Written for Nuzantara's AppHost corpus, not copied: its API usage is modelled on dotnet/aspire-samples
// samples/aspire-with-node/AspireWithNode.AppHost/AppHost.cs and samples/aspire-with-javascript/
// AspireJavaScript.AppHost/AppHost.cs (commit caf0bdf9ec3d). Left out, as this engine lacks it: WithRedisInsight.
var builder = DistributedApplication.CreateBuilder(args);

var cache = builder.AddRedis("cache");

var weatherApi = builder.AddProject<Projects.JavaScriptApps_WeatherApi>("weatherapi")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.AddNodeApp("frontend", "../NodeFrontend", "./app.js")
    .WithNpm()
    .WithRunScript("dev")
    .WithHttpEndpoint(port: 5223, env: "PORT")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(weatherApi).WaitFor(weatherApi)
    .WithReference(cache).WaitFor(cache);

builder.AddJavaScriptApp("vue", "../VueApp")
    .WithRunScript("start")
    .WithNpm(installCommand: "ci")
    .WithReference(weatherApi)
    .WaitFor(weatherApi)
    .WithHttpEndpoint(env: "PORT")
    .WithExternalHttpEndpoints()
    .PublishAsDockerFile();

var reactVite = builder.AddViteApp("reactvite", "../ViteApp")
    .WithReference(weatherApi)
    .WithEnvironment("BROWSER", "none");

weatherApi.PublishWithContainerFiles(reactVite, "./wwwroot");

builder.Build().Run();
