#:sdk Aspire.AppHost.Sdk@13.1.0
#:package Aspire.Hosting.Python@13.1.0
#:package Aspire.Hosting.Redis@13.1.0

// Written for Nuzantara's AppHost corpus, not copied: a file-based AppHost whose API usage is modelled on
// dotnet/aspire-samples samples/aspire-with-python/apphost.cs and samples/container-build/apphost.cs
// (commit caf0bdf9ec3d). Left out: PublishWithContainerFiles, which needs a Vite app this folder does not have
// (JavaScriptApps has it).
var builder = DistributedApplication.CreateBuilder(args);

var cache = builder.AddRedis("cache");

builder.AddUvicornApp("app", "./app", "main:app")
    .WithVirtualEnvironment(".venv")
    .WithExternalHttpEndpoints()
    .WithReference(cache)
    .WaitFor(cache)
    .WithHttpHealthCheck("/health");

builder.AddPythonApp("worker", "./app", "worker.py")
    .WithReference(cache)
    .WaitForStart(cache);

var goVersion = builder.AddParameter("goversion", "1.25.4", publishValueAsDefault: true);

IResourceBuilder<ContainerResource> ginapp;
if (builder.ExecutionContext.IsPublishMode)
{
    ginapp = builder.AddDockerfile("ginapp", "./ginapp")
        .WithBuildArg("GO_VERSION", goVersion);
}
else
{
    ginapp = builder.AddDockerfile("ginapp", "./ginapp", "Dockerfile.dev")
        .WithBuildArg("GO_VERSION", goVersion)
        .WithBindMount("./ginapp", "/app");
}

ginapp
    .WithHttpEndpoint(targetPort: 5555, env: "PORT")
    .WithHttpHealthCheck("/")
    .WithExternalHttpEndpoints()
    .WithOtlpExporter()
    .WithDeveloperCertificateTrust(trust: true);

if (builder.ExecutionContext.IsPublishMode)
{
    ginapp.WithEnvironment("GIN_MODE", "release");
}

builder.Build().Run();
