using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Publishing.Dockerfiles;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nuzantara.Hosting.Publishing.Kubernetes;

/// <summary>
/// Kubernetes objects for the whole application, one file per resource, built from KubernetesClient's typed models,
/// and a kustomization.yaml that lists them (<c>kubectl apply -k</c>). Services reach each other at
/// <c>&lt;name&gt;:&lt;target port&gt;</c>; parameters are Secrets (ConfigMaps when not secret) whose values the
/// user fills in; the Aspire dashboard receives the telemetry.
/// </summary>
internal sealed class KubernetesPublisher(ILogger<KubernetesPublisher> logger) : IPublisher
{
    public const string KustomizationFileName = "kustomization.yaml";

    /// <summary>On a parameter's Secret: how to give it its value.</summary>
    public const string FillInAnnotation = "nuzantara.io/fill-in";

    private static readonly ISerializer KustomizationSerializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public string Name => "kubernetes";

    public async Task PublishAsync(PublishingContext context, CancellationToken cancellationToken)
    {
        var deployment = await DeploymentModel.CreateAsync(context, cancellationToken).ConfigureAwait(false);
        deployment.RejectExecutables(Name);
        Dashboard.EnsureNameIsFree(deployment);
        // The images kustomization names are built by the user: the Dockerfiles generated for apps without one come with the objects.
        await GeneratedDockerfiles.WriteAsync(deployment, context.OutputPath, cancellationToken).ConfigureAwait(false);
        var kustomization = new Kustomization();
        async Task WriteAsync(string name, IEnumerable<object> objects)
        {
            var file = $"{name}.yaml";
            await OutputFiles.WriteAsync(context.OutputPath, file, Header + KubernetesYaml.SerializeAll(objects), cancellationToken).ConfigureAwait(false);
            kustomization.Resources.Add(file);
        }

        foreach (var parameter in deployment.Parameters)
        {
            await WriteAsync(KubernetesEnvironment.ObjectName(parameter), [ParameterObject(parameter, context)]).ConfigureAwait(false);
        }

        foreach (var workload in deployment.Services)
        {
            await WriteAsync(DeploymentModel.HostName(workload.Resource), KubernetesWorkload.Objects(workload, deployment)).ConfigureAwait(false);
            // In a file of its own, like the parameters' Secrets, so that filling it in touches nothing else.
            if (KubernetesWorkload.SecretFiles(workload) is { } secret)
            {
                await WriteAsync(secret.Metadata.Name, [secret]).ConfigureAwait(false);
            }
        }

        await WriteAsync(Dashboard.Name, DashboardObjects()).ConfigureAwait(false);

        var built = deployment.Services.Where(w => w.IsBuilt).Select(w => DeploymentModel.HostName(w.Resource)).ToList();
        kustomization.Images = built.Count == 0 ? null : [.. built.Select(name => new KustomizationImage { Name = name, NewName = name })];
        await OutputFiles.WriteAsync(context.OutputPath, KustomizationFileName, KustomizationHeader + KustomizationSerializer.Serialize(kustomization), cancellationToken)
            .ConfigureAwait(false);
        logger.LogInformation("Published Kubernetes objects to: {OutputPath}", context.OutputPath);
    }

    /// <summary>
    /// A Secret with no data, or, for a parameter that is not secret, a ConfigMap with the configured value. Without its
    /// key the Secret fails closed: pods that read it do not start until it is filled in, where an empty value would
    /// start Redis without a password.
    /// </summary>
    private static IKubernetesObject<V1ObjectMeta> ParameterObject(ParameterResource parameter, PublishingContext context)
    {
        var name = KubernetesEnvironment.ObjectName(parameter);
        var metadata = KubernetesWorkload.Metadata(name, name);
        if (!parameter.Secret)
        {
            return new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = metadata,
                Data = new Dictionary<string, string> { [KubernetesEnvironment.ParameterKey] = context.Configuration[parameter.ConfigurationKey] ?? string.Empty },
            };
        }

        metadata.Annotations = new Dictionary<string, string>
        {
            [FillInAnnotation] = $"Set stringData.{KubernetesEnvironment.ParameterKey} before applying ({FillIn(parameter)}) and keep the filled-in file out of source control.",
        };
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = metadata,
            Type = "Opaque",
        };
    }

    /// <summary>A generated secret is any random value; one read from configuration is the value that key holds.</summary>
    private static string FillIn(ParameterResource parameter) => parameter.Generate is not null
        ? "for example: openssl rand -hex 16"
        : $"the value the AppHost reads from {parameter.ConfigurationKey}";

    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> DashboardObjects()
    {
        var name = Dashboard.Name;
        (string Name, int Port)[] ports = [("http", Dashboard.FrontendPort), ("otlp-grpc", Dashboard.OtlpGrpcPort), ("otlp-http", Dashboard.OtlpHttpPort)];
        var labels = new Dictionary<string, string> { [KubernetesNames.NameLabel] = name };
        yield return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = KubernetesWorkload.Metadata(name, name),
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = KubernetesNames.Labels(name) },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = name,
                                Image = Dashboard.Image,
                                Ports = [.. ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Port, Protocol = "TCP" })],
                                Resources = new V1ResourceRequirements { Requests = KubernetesWorkload.Request("100m", "256Mi") },
                                SecurityContext = KubernetesWorkload.SecurityContext(ContainerUser.DotNetApp),
                            },
                        ],
                    },
                },
            },
        };
        yield return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = KubernetesWorkload.Metadata(name, name),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = labels,
                Ports = [.. ports.Select(p => new V1ServicePort { Name = p.Name, Port = p.Port, TargetPort = p.Port, Protocol = "TCP" })],
            },
        };
    }

    private const string Header = "# Generated by Nuzantara.Hosting from the application model (--publisher kubernetes); publish again rather than edit.\n";

    private const string KustomizationHeader =
        Header +
        "# Before kubectl apply -k: fill in the Secrets' values, and point the images built from this repository at your\n" +
        "# registry (kustomize edit set image backend=registry.example.com/backend:1.0).\n";
}
