using Nuzantara.Hosting;
using Nuzantara.Hosting.Monitoring;

var builder = DistributedApplication.CreateBuilder(args);

// Fixed ports, where the README says they are (for redis-cli, psql); without one, each would get a free port.
var redis = builder.AddRedis("redis", port: 6379);
var postgres = builder.AddPostgres("postgres", port: 5432);
var database = postgres.AddDatabase("nuzantara");

var backend = builder.AddProject<Projects.Nuzantara_Backend>("backend")
    .WithReference(redis)
    .WithReference(database)
    .WaitFor(redis)
    .WaitFor(database)
    .WithHttpHealthCheck("/health/ready")
    .WithMetricsEndpoint();

var pythonBackend = builder.AddUvicornApp("python-backend", "../Nuzantara.PythonBackend", "app.main:create_app", port: 8000)
    // create_app is an app factory: uvicorn calls it (reading the environment) instead of importing a built app.
    .WithArgs("--factory")
    // The AppHost's environment name, as the .NET services get theirs from their launch profiles: a child inherits
    // no DOTNET_ENVIRONMENT from the AppHost (README, "Environment"). A deployment sets its own.
    .WithEnvironment(context =>
    {
        if (context.ExecutionContext.IsRunMode)
        {
            context.EnvironmentVariables["APP_ENVIRONMENT"] = builder.Environment.EnvironmentName;
        }
    })
    .WithReference(redis)
    .WaitFor(redis)
    .WithHttpHealthCheck("/health/ready")
    .WithMetricsEndpoint();

// The gateway needs only its upstreams' addresses to start, so it starts beside them rather than after they are healthy
// (its own start-up then overlaps theirs); until they are, it answers 503 problem details.
var orchestrator = builder.AddProject<Projects.Nuzantara_Orchestrator>("orchestrator")
    .WithReference(backend)
    .WithReference(pythonBackend)
    .WaitForStart(backend)
    .WaitForStart(pythonBackend)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health/ready")
    .WithMetricsEndpoint();

// Sentry only when its DSN is set: the services read SENTRY_DSN, passed to them alone as a secret parameter
// (children do not inherit the AppHost's environment, and a published deployment gets the DSN from its operator).
if (!string.IsNullOrWhiteSpace(builder.Configuration["SENTRY_DSN"]))
{
    var sentryDsn = builder.AddParameterFromConfiguration("sentry-dsn", "SENTRY_DSN", secret: true);
    foreach (var service in new IResourceBuilder<IResourceWithEnvironment>[] { backend, pythonBackend, orchestrator })
    {
        service.WithEnvironment("SENTRY_DSN", sentryDsn);
    }
}

var prometheus = builder.AddPrometheus("prometheus")
    .WithRuleFiles("monitoring/rules");

// Configuration generated at every start: the AppHost's alert inbox, plus Slack and e-mail from the environment (docs/monitoring.md).
builder.AddAlertmanager("alertmanager");
builder.AddNodeExporter("node-exporter");
builder.AddRedisExporter("redis-exporter", redis);
builder.AddPostgresExporter("postgres-exporter", postgres);
builder.AddCAdvisor("cadvisor");

// Grafana Cloud only when its credentials are set, through Alloy where it can be had (docs/monitoring.md); declared
// last so that it ships every service's telemetry.
if (GrafanaCloudSettings.IsConfigured(builder.Configuration))
{
    builder.AddGrafanaCloud("alloy", prometheus);
}

builder.Build().Run();
