using Nuzantara.Hosting.Monitoring;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRedis("redis");
var postgres = builder.AddPostgres("postgres");
var database = postgres.AddDatabase("nuzantara");

var backend = builder.AddProject<Projects.Nuzantara_Backend>("backend")
    .WithReference(redis)
    .WithReference(database)
    .WaitFor(redis)
    .WaitFor(database)
    .WithHttpHealthCheck("/health/ready")
    .WithMetricsEndpoint();

var pythonBackend = builder.AddUvicornApp("python-backend", "../Nuzantara.PythonBackend", "app.main:app", port: 8000)
    .WithReference(redis)
    .WaitFor(redis)
    .WithHttpHealthCheck("/health/ready")
    .WithMetricsEndpoint();

builder.AddProject<Projects.Nuzantara_Orchestrator>("orchestrator")
    .WithReference(backend)
    .WithReference(pythonBackend)
    .WaitFor(backend)
    .WaitFor(pythonBackend)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health/ready")
    .WithMetricsEndpoint();

var prometheus = builder.AddPrometheus("prometheus")
    .WithRuleFiles("monitoring/rules");

// Configuration generated at every start: the AppHost's alert inbox, plus Slack and e-mail from the environment (docs/monitoring.md).
builder.AddAlertmanager("alertmanager");
builder.AddNodeExporter("node-exporter");
builder.AddRedisExporter("redis-exporter", redis);
builder.AddPostgresExporter("postgres-exporter", postgres);
builder.AddCAdvisor("cadvisor");

// Grafana Cloud only when its credentials are set; declared last so that it forwards every service's telemetry.
if (GrafanaCloudSettings.IsConfigured(builder.Configuration))
{
    builder.AddGrafanaAlloy("alloy", prometheus);
}

builder.Build().Run();
