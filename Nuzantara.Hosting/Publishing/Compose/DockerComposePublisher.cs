using System.Globalization;
using Aspire.Hosting.Docker;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Publishing.Dockerfiles;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nuzantara.Hosting.Publishing.Compose;

/// <summary>
/// docker-compose.yaml and .env running the whole application on one bridge network: a service per resource, named
/// after it, reaching the others at <c>&lt;name&gt;:&lt;target port&gt;</c>; parameters and project images as
/// <c>${VARIABLES}</c> of the .env, where secrets are left for the user to fill in; secret files (Alertmanager's Slack URL,
/// SMTP password…) as Compose secrets read from <c>secrets/</c>, which the user provides; health checks and
/// <c>depends_on</c> conditions mirroring WaitFor; the Aspire dashboard as the OTLP endpoint.
/// </summary>
internal sealed class DockerComposePublisher(ILogger<DockerComposePublisher> logger) : IPublisher
{
    public const string ComposeFileName = "docker-compose.yaml";
    public const string EnvFileName = ".env";
    private const string DefaultNetwork = "aspire";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithQuotingNecessaryStrings()
        .Build();

    public string Name => "docker-compose";

    public async Task PublishAsync(PublishingContext context, CancellationToken cancellationToken)
    {
        var directory = context.OutputPath;
        var deployment = await DeploymentModel.CreateAsync(context, cancellationToken).ConfigureAwait(false);
        deployment.RejectExecutables(Name);
        Dashboard.EnsureNameIsFree(deployment);

        foreach (var file in deployment.Workloads.SelectMany(w => w.Mounts.OfType<FilesMount>()).SelectMany(m => m.Files))
        {
            await OutputFiles.WriteAsync(directory, file.OutputPath, file.Content, cancellationToken).ConfigureAwait(false);
        }

        await GeneratedDockerfiles.WriteAsync(deployment, directory, cancellationToken).ConfigureAwait(false);
        var environment = context.Model.Resources.OfType<DockerComposeEnvironmentResource>().FirstOrDefault();
        await OutputFiles.WriteAsync(directory, ComposeFileName, RenderComposeFile(deployment, directory, environment), cancellationToken).ConfigureAwait(false);
        var existing = EnvFile.Read(Path.Combine(directory, EnvFileName));
        await OutputFiles.WriteAsync(directory, EnvFileName, EnvFile.Render(EnvEntries(deployment, context), EnvHeader, existing), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Published Docker Compose files to: {OutputPath}", directory);
    }

    /// <param name="environment">The model's Docker Compose environment, whose network name and dashboard setting apply; none: the defaults.</param>
    internal static string RenderComposeFile(DeploymentModel deployment, string directory, DockerComposeEnvironmentResource? environment = null)
    {
        var network = environment?.DefaultNetworkName ?? DefaultNetwork;
        var withDashboard = environment?.DashboardEnabled ?? true;
        var renderer = new NetworkValueRenderer(deployment, Literal, p => $"${{{Variable(p)}:?set {Variable(p)} in {EnvFileName}}}");
        var compose = new ComposeFile();
        compose.Networks[network] = new ComposeNetwork();
        foreach (var resource in deployment.Services)
        {
            compose.Services[DeploymentModel.HostName(resource.Resource)] = Service(resource, deployment, renderer, directory, network, withDashboard);
        }

        if (withDashboard)
        {
            compose.Services[Dashboard.Name] = new ComposeService
            {
                Image = Dashboard.Image,
                User = ContainerUser.DotNetApp.ToString(),
                Ports = [HostPort(Dashboard.Name, "http", Dashboard.FrontendPort, Dashboard.FrontendPort)],
                Expose = [Port(Dashboard.OtlpGrpcPort), Port(Dashboard.OtlpHttpPort)],
                Networks = [network],
            };
        }

        var volumes = deployment.Services.SelectMany(w => w.Mounts.OfType<VolumeMount>()).Select(v => v.VolumeName).OfType<string>().Distinct().ToList();
        compose.Volumes = volumes.Count == 0 ? null : volumes.ToDictionary(v => v, _ => new ComposeVolume());
        var secrets = deployment.Services.SelectMany(w => w.Mounts.OfType<SecretFileMount>()).ToDictionary(s => s.Name, s => new ComposeSecret { File = $"./{s.OutputPath}" });
        foreach (var resource in deployment.Workloads)
        {
            foreach (var (id, value) in resource.Build?.Secrets ?? new Dictionary<string, object>())
            {
                secrets[BuildSecretName(resource, id)] = new ComposeSecret { Environment = BuildSecretVariable(resource, id, value) };
            }
        }

        compose.Secrets = secrets.Count == 0 ? null : secrets;
        return Header + Serializer.Serialize(compose);
    }

    private static ComposeService Service(DeployedResource resource, DeploymentModel deployment, NetworkValueRenderer renderer, string directory, string network, bool withDashboard)
    {
        var test = ComposeHealthchecks.Test(resource);
        return new ComposeService
        {
            Image = resource.Image ?? $"${{{ImageVariable(resource)}}}",
            Build = resource.Build is { } build
                ? new ComposeBuild
                {
                    Context = OutputFiles.Relative(directory, build.Context),
                    // Compose reads it relative to the context: a generated one, in this folder, is reached from there.
                    Dockerfile = OutputFiles.Relative(build.Context, build.DockerfileIn(directory)),
                    Target = build.Stage,
                    // A null value passes the variable of the environment docker-compose build runs in, as --build-arg NAME does.
                    Args = build.Args.Count == 0 ? null : build.Args.ToDictionary(a => a.Key, a => a.Value is null ? null : renderer.Render(a.Value), StringComparer.Ordinal),
                    Secrets = NullIfEmpty(build.Secrets.Keys.Select(id => new ComposeServiceSecret { Source = BuildSecretName(resource, id), Target = id }).ToList()),
                }
                : null,
            User = ContainerUser.For(resource)?.ToString(),
            Entrypoint = resource.Entrypoint is { } entrypoint ? [Literal(entrypoint)] : null,
            Command = resource.Args.Count == 0 ? null : [.. resource.Args.Select(renderer.Render)],
            Environment = NullIfEmpty((withDashboard ? Dashboard.EnvironmentWithTelemetry(resource) : [.. resource.Environment]).ToDictionary(e => e.Key, e => renderer.Render(e.Value), StringComparer.Ordinal)),
            Ports = NullIfEmpty(PublishedEndpoints(resource).Select(e => HostPort(resource.Name, e.Name, e.HostPort ?? e.TargetPort, e.TargetPort)).ToList()),
            Expose = NullIfEmpty(resource.Endpoints.Where(e => !e.IsExternal).Select(e => Port(e.TargetPort)).Distinct().ToList()),
            Volumes = NullIfEmpty(resource.Mounts.Where(m => m is not SecretFileMount).Select(Volume).ToList()),
            Secrets = NullIfEmpty(resource.Mounts.OfType<SecretFileMount>().Select(s => new ComposeServiceSecret { Source = s.Name, Target = s.Target }).ToList()),
            DependsOn = NullIfEmpty(resource.Waits.ToDictionary(
                w => DeploymentModel.HostName(deployment.Resources.Single(r => r.Name == w.ResourceName).Resource),
                w => new ComposeDependency { Condition = Condition(w, deployment) })),
            Healthcheck = test is null ? null : new ComposeHealthcheck { Test = [.. test.Select(Literal)] },
            Networks = [network],
        };
    }

    /// <summary>WaitFor becomes "healthy" where the dependency has a check Compose can run, "started" where it has none; WaitForStart is "started".</summary>
    private static string Condition(DeployedWait wait, DeploymentModel deployment) => wait.WaitType switch
    {
        WaitType.WaitForCompletion => "service_completed_successfully",
        WaitType.WaitUntilStarted => "service_started",
        _ when ComposeHealthchecks.Test(deployment.Resources.Single(r => r.Name == wait.ResourceName)) is not null => "service_healthy",
        _ => "service_started",
    };

    private static string Volume(DeployedMount mount)
    {
        if (mount is VolumeMount { VolumeName: null })
        {
            // Compose's short syntax for an anonymous volume is its target alone.
            return mount.Target;
        }

        var source = mount switch
        {
            FilesMount files => $"./{files.OutputPath}",
            HostPathMount host => host.HostPath,
            VolumeMount volume => volume.VolumeName!,
            _ => throw new ArgumentOutOfRangeException(nameof(mount), mount, "Unknown mount."),
        };
        return $"{Literal(source)}:{mount.Target}{(mount.IsReadOnly ? ":ro" : string.Empty)}";
    }

    private static IEnumerable<EnvFile.Entry> EnvEntries(DeploymentModel deployment, PublishingContext context)
    {
        var directory = context.OutputPath;
        foreach (var resource in deployment.Workloads.Where(w => w.IsBuilt))
        {
            var comment = resource.Kind == DeploymentKind.Project
                ? $"Image of project '{resource.Name}', from the repository's root: dotnet publish {ProjectInRepository((ProjectResource)resource.Resource)} -t:PublishContainer -p:ContainerRepository={DeploymentModel.HostName(resource.Resource)}"
                : resource.Build is { BuildOnly: true } buildOnly
                    ? $"Image of '{resource.Name}', only built for the files other images copy from it; build it first, from this folder: " +
                      $"docker build -t {DeploymentModel.HostName(resource.Resource)}:latest -f {OutputFiles.Relative(directory, buildOnly.DockerfileIn(directory))} {OutputFiles.Relative(directory, buildOnly.Context)}"
                    : $"Image of '{resource.Name}', built from its Dockerfile by docker-compose build (or up --build).";
            yield return new EnvFile.Entry(ImageVariable(resource), comment, $"{DeploymentModel.HostName(resource.Resource)}:latest");
        }

        var withDashboard = context.Model.Resources.OfType<DockerComposeEnvironmentResource>().FirstOrDefault()?.DashboardEnabled ?? true;
        foreach (var (resource, endpoint, port) in HostPorts(deployment, withDashboard))
        {
            yield return new EnvFile.Entry(HostPortVariable(resource, endpoint),
                $"Host port of '{resource}' (endpoint '{endpoint}'), or address:port to listen on one address only (127.0.0.1:{port}).", Port(port));
        }

        foreach (var parameter in deployment.Parameters)
        {
            yield return parameter.Secret
                ? new EnvFile.Entry(Variable(parameter), $"Secret parameter '{parameter.Name}': {FillIn(parameter)} before docker-compose up.", string.Empty)
                : new EnvFile.Entry(Variable(parameter), $"Parameter '{parameter.Name}' ({parameter.ConfigurationKey} of the AppHost's configuration).",
                    context.Configuration[parameter.ConfigurationKey] ?? string.Empty);
        }
    }

    /// <summary>How to fill in a secret: a generated one is any random value, one read from configuration is the value that key holds.</summary>
    private static string FillIn(ParameterResource parameter) => parameter.Generate is not null
        ? "fill in a value (for example: openssl rand -hex 16)"
        : $"fill in the value the AppHost reads from {parameter.ConfigurationKey}";

    /// <summary><c>Folder/Project.csproj</c>: the project as named from the folder above it, never a path of this machine.</summary>
    private static string ProjectInRepository(ProjectResource project)
    {
        var path = project.Metadata.ProjectPath;
        return $"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}";
    }

    /// <summary>The endpoints published on the host, the dashboard's UI last (when it is published), as in the Compose file.</summary>
    private static IEnumerable<(string Resource, string Endpoint, int Port)> HostPorts(DeploymentModel deployment, bool withDashboard) =>
        deployment.Services.SelectMany(r => PublishedEndpoints(r).Select(e => (r.Name, e.Name, e.HostPort ?? e.TargetPort)))
            .Concat(withDashboard ? [(Dashboard.Name, "http", Dashboard.FrontendPort)] : []);

    /// <summary>
    /// The external endpoints, one per host and target port: a project with Kestrel endpoints has its http and https
    /// endpoints on one target port, as in Aspire, and the same host port published twice would stop docker-compose up.
    /// </summary>
    private static IEnumerable<DeployedEndpoint> PublishedEndpoints(DeployedResource resource) =>
        resource.Endpoints.Where(e => e.IsExternal).DistinctBy(e => (e.HostPort ?? e.TargetPort, e.TargetPort));

    /// <summary>
    /// A variable of .env, with the model's port as default: another port (one that is free, or a second deployment's
    /// on the same host) or one address is the operator's choice, not the model's.
    /// </summary>
    private static string HostPort(string resource, string endpoint, int port, int targetPort) =>
        $"${{{HostPortVariable(resource, endpoint)}:-{Port(port)}}}:{Port(targetPort)}";

    private static string HostPortVariable(string resource, string endpoint) =>
        $"{ResourceBuilderExtensions.EnvironmentVariableName(resource)}_{ResourceBuilderExtensions.EnvironmentVariableName(endpoint)}_HOST_PORT";

    /// <summary>One secret per resource and id, so that two builds may use one id for different values.</summary>
    private static string BuildSecretName(DeployedResource resource, string id) => $"{DeploymentModel.HostName(resource.Resource)}-build-{id}";

    /// <summary>A build secret is the .env variable of its parameter, which Compose reads when it builds; its value is never written here.</summary>
    private static string BuildSecretVariable(DeployedResource resource, string id, object value) => value is ParameterResource parameter
        ? Variable(parameter)
        : throw new DistributedApplicationException($"Build secret {id} of '{resource.Name}' is not a parameter: pass one with WithBuildSecret(\"{id}\", builder.AddParameter(…, secret: true)).");

    private static string Variable(ParameterResource parameter) => ResourceBuilderExtensions.EnvironmentVariableName(parameter.Name);

    private static string ImageVariable(DeployedResource resource) => $"{ResourceBuilderExtensions.EnvironmentVariableName(resource.Name)}_IMAGE";

    /// <summary>Compose substitutes <c>$VARIABLE</c> everywhere; a literal dollar is written <c>$$</c>.</summary>
    private static string Literal(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static List<T>? NullIfEmpty<T>(List<T> list) => list.Count == 0 ? null : list;

    private static Dictionary<TKey, TValue>? NullIfEmpty<TKey, TValue>(Dictionary<TKey, TValue> dictionary) where TKey : notnull =>
        dictionary.Count == 0 ? null : dictionary;

    private const string Header =
        "# Generated by Nuzantara.Hosting from the application model (--publisher docker-compose); publish again rather than edit.\n" +
        "# Fill in the secrets in .env, put the secret files under secrets/ (docs/deploy.md), build the images .env names, then: docker-compose up -d\n";

    private const string EnvHeader =
        "# Variables of docker-compose.yaml, generated by Nuzantara.Hosting (--publisher docker-compose).\n" +
        "# Values filled in here are kept when publishing again. Keep this file out of source control once it holds secrets.\n";
}
