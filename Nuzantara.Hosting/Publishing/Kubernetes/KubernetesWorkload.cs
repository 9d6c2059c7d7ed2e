using k8s;
using k8s.Models;

namespace Nuzantara.Hosting.Publishing.Kubernetes;

/// <summary>
/// The objects of one workload: ConfigMaps for its environment and configuration files, a Deployment (a StatefulSet
/// when it keeps data in volumes, a DaemonSet when it observes the host), and a Service for its endpoints. Its secret
/// files come from a Secret of their own (<see cref="SecretFiles"/>), which the user fills in.
/// </summary>
internal static class KubernetesWorkload
{
    private const string StorageRequest = "1Gi";

    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Objects(DeployedResource resource, DeploymentModel deployment)
    {
        var name = DeploymentModel.HostName(resource.Resource);
        var environment = new KubernetesEnvironment(deployment);
        foreach (var (key, value) in Dashboard.EnvironmentWithTelemetry(resource))
        {
            environment.Add(key, value);
        }

        foreach (var variable in resource.Resource.OfAnnotation<KubernetesEnvironmentAnnotation>())
        {
            environment.Add(variable.Name, variable.Value);
        }

        var container = new V1Container
        {
            Name = name,
            // Images built from this repository are named after their resource; kustomization.yaml maps them to a registry.
            Image = resource.Image ?? name,
            Command = resource.Entrypoint is { } entrypoint ? [environment.Argument(entrypoint)] : null,
            Args = resource.Args.Count == 0 ? null : [.. resource.Args.Select(environment.Argument)],
            Ports = NullIfEmpty(DistinctPorts(resource).Select(e => new V1ContainerPort { Name = KubernetesNames.Label(e.Name), ContainerPort = e.TargetPort, Protocol = Protocol(e) }).ToList()),
            Env = NullIfEmpty(environment.Variables),
            EnvFrom = environment.ConfigMapData.Count == 0 ? null : [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = EnvironmentConfigMap(name) } }],
            VolumeMounts = NullIfEmpty(resource.Mounts.Select(m => Mount(name, m)).ToList()),
            ReadinessProbe = Declared(resource.Probe, ProbeType.Readiness) ?? Readiness(resource.Probe),
            LivenessProbe = Declared(resource.Probe, ProbeType.Liveness) ?? Liveness(resource.Probe),
            StartupProbe = Declared(resource.Probe, ProbeType.Startup),
            Resources = new V1ResourceRequirements { Requests = Requests(resource.Resource) },
            SecurityContext = SecurityContext(ContainerUser.For(resource)),
        };

        if (environment.ConfigMapData.Count > 0)
        {
            yield return new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Metadata(EnvironmentConfigMap(name), name), Data = environment.ConfigMapData };
        }

        foreach (var files in resource.Mounts.OfType<FilesMount>())
        {
            yield return new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Metadata(FilesConfigMap(name, files), name), Data = ConfigMapFiles(resource, files) };
        }

        var secretFiles = resource.Mounts.OfType<SecretFileMount>().Any();
        var user = ContainerUser.For(resource);
        var pod = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = KubernetesNames.Labels(name) },
            Spec = new V1PodSpec
            {
                Containers = [container],
                Volumes = NullIfEmpty(
                [
                    .. resource.Mounts.Where(m => m is not (VolumeMount { VolumeName: not null } or SecretFileMount)).Select(m => Volume(name, m)),
                    // Group-readable (0440) and the pod's group owns them: the container's user alone reads them.
                    .. secretFiles ? [new V1Volume { Name = SecretsName(name), Secret = new V1SecretVolumeSource { SecretName = SecretsName(name), DefaultMode = 0b100_100_000 } }] : Array.Empty<V1Volume>(),
                ]),
                SecurityContext = secretFiles && user?.Gid is { } gid ? new V1PodSecurityContext { FsGroup = gid } : null,
            },
        };
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [KubernetesNames.NameLabel] = name } };
        var volumes = resource.Mounts.OfType<VolumeMount>().Where(v => v.VolumeName is not null).ToList();
        if (resource.Mounts.OfType<HostPathMount>().Any())
        {
            yield return new V1DaemonSet { ApiVersion = "apps/v1", Kind = "DaemonSet", Metadata = Metadata(name, name), Spec = new V1DaemonSetSpec { Selector = selector, Template = pod } };
        }
        else if (volumes.Count > 0)
        {
            yield return new V1StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = "StatefulSet",
                Metadata = Metadata(name, name),
                Spec = new V1StatefulSetSpec
                {
                    Replicas = resource.Resource.ReplicaCount(),
                    ServiceName = name,
                    Selector = selector,
                    Template = pod,
                    VolumeClaimTemplates = [.. volumes.Select(v => new V1PersistentVolumeClaim
                    {
                        Metadata = new V1ObjectMeta { Name = VolumeName(v) },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(StorageRequest) } },
                        },
                    })],
                },
            };
        }
        else
        {
            yield return new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Metadata(name, name), Spec = new V1DeploymentSpec { Replicas = resource.Resource.ReplicaCount(), Selector = selector, Template = pod } };
        }

        if (resource.Endpoints.Count > 0)
        {
            yield return new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = Metadata(name, name),
                Spec = new V1ServiceSpec
                {
                    // External endpoints get an address outside the cluster; everything else is reached by name inside it.
                    Type = resource.Endpoints.Any(e => e.IsExternal) ? "LoadBalancer" : "ClusterIP",
                    Selector = new Dictionary<string, string> { [KubernetesNames.NameLabel] = name },
                    Ports = [.. DistinctPorts(resource).Select(e => new V1ServicePort { Name = KubernetesNames.Label(e.Name), Port = e.TargetPort, TargetPort = e.TargetPort, Protocol = Protocol(e) })],
                },
            };
        }
    }

    /// <summary>
    /// The Secret a workload's secret files are mounted from, one key per file, written without data (or null when it has
    /// none): the pod does not start until it is filled in.
    /// </summary>
    public static V1Secret? SecretFiles(DeployedResource resource)
    {
        var files = resource.Mounts.OfType<SecretFileMount>().ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var name = DeploymentModel.HostName(resource.Resource);
        var metadata = Metadata(SecretsName(name), name);
        metadata.Annotations = new Dictionary<string, string>
        {
            [KubernetesPublisher.FillInAnnotation] =
                $"Set stringData keys {string.Join(", ", files.Select(f => SecretKey(f)))} before applying (docs/deploy.md) and keep the filled-in file out of source control.",
        };
        return new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = metadata, Type = "Opaque" };
    }

    public static string SecretsName(string name) => KubernetesNames.Label(name, "secrets");

    private static string SecretKey(SecretFileMount mount) => Path.GetFileName(mount.Target);

    public static V1ObjectMeta Metadata(string objectName, string resourceName) => new() { Name = objectName, Labels = KubernetesNames.Labels(resourceName) };

    private static string EnvironmentConfigMap(string name) => KubernetesNames.Label(name, "env");

    private static string FilesConfigMap(string name, FilesMount files) => KubernetesNames.Label(name, files.OutputPath[(files.OutputPath.IndexOf('/') + 1)..]);

    private static string Protocol(DeployedEndpoint endpoint) => endpoint.Protocol.ToUpperInvariant();

    /// <summary>
    /// One port per target port and protocol, as Aspire's Kubernetes publisher: a project with Kestrel endpoints has its
    /// http and https endpoints on one target port, and Kubernetes refuses a port listed twice.
    /// </summary>
    private static IEnumerable<DeployedEndpoint> DistinctPorts(DeployedResource resource) =>
        resource.Endpoints.DistinctBy(e => (e.TargetPort, Protocol(e)));

    /// <summary>A ConfigMap holds a flat folder: one key per file.</summary>
    private static Dictionary<string, string> ConfigMapFiles(DeployedResource resource, FilesMount files)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Files)
        {
            var key = file.OutputPath[(files.IsDirectory ? files.OutputPath.Length + 1 : file.OutputPath.LastIndexOf('/') + 1)..];
            if (key.Contains('/'))
            {
                throw new DistributedApplicationException(
                    $"'{resource.Name}' mounts a folder with subfolders at {files.Target}; a Kubernetes ConfigMap holds one flat folder. Flatten it or mount each subfolder.");
            }

            data[key] = file.Content;
        }

        return data;
    }

    private static V1VolumeMount Mount(string name, DeployedMount mount) => mount switch
    {
        // One file of a ConfigMap is mounted alone, so the rest of its folder in the image stays visible.
        FilesMount { IsDirectory: false } files => new V1VolumeMount
        {
            Name = FilesConfigMap(name, files), MountPath = mount.Target, SubPath = Path.GetFileName(files.OutputPath), ReadOnlyProperty = mount.IsReadOnly,
        },
        FilesMount files => new V1VolumeMount { Name = FilesConfigMap(name, files), MountPath = mount.Target, ReadOnlyProperty = mount.IsReadOnly },
        HostPathMount host => new V1VolumeMount { Name = HostVolume(host), MountPath = mount.Target, ReadOnlyProperty = mount.IsReadOnly },
        VolumeMount volume => new V1VolumeMount { Name = VolumeName(volume), MountPath = mount.Target, ReadOnlyProperty = mount.IsReadOnly },
        SecretFileMount secret => new V1VolumeMount { Name = SecretsName(name), MountPath = mount.Target, SubPath = SecretKey(secret), ReadOnlyProperty = true },
        _ => throw new ArgumentOutOfRangeException(nameof(mount), mount, "Unknown mount."),
    };

    private static V1Volume Volume(string name, DeployedMount mount) => mount switch
    {
        FilesMount files => new V1Volume { Name = FilesConfigMap(name, files), ConfigMap = new V1ConfigMapVolumeSource { Name = FilesConfigMap(name, files) } },
        HostPathMount host => new V1Volume { Name = HostVolume(host), HostPath = new V1HostPathVolumeSource { Path = host.HostPath } },
        // An anonymous volume lives as long as the pod, as a container's does.
        VolumeMount { VolumeName: null } volume => new V1Volume { Name = VolumeName(volume), EmptyDir = new V1EmptyDirVolumeSource() },
        _ => throw new ArgumentOutOfRangeException(nameof(mount), mount, "Volumes come from the StatefulSet's claim templates."),
    };

    private static string VolumeName(VolumeMount volume) => volume.VolumeName is { } named ? KubernetesNames.Label(named) : KubernetesNames.Label("volume", volume.Target);

    private static string HostVolume(HostPathMount mount) => mount.HostPath == "/" ? "host-root" : KubernetesNames.Label("host", mount.HostPath);

    /// <summary>A probe the AppHost declared (WithHttpProbe), with its own path, port and timing.</summary>
    private static V1Probe? Declared(HealthProbe? probe, ProbeType type) =>
        (probe as HttpProbe)?.Declared.FirstOrDefault(p => p.Type == type) is { } declared
            ? new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = declared.Path, Port = declared.Endpoint.TargetPort, Scheme = declared.Endpoint.Scheme == "https" ? "HTTPS" : null },
                InitialDelaySeconds = declared.InitialDelaySeconds,
                PeriodSeconds = declared.PeriodSeconds,
                TimeoutSeconds = declared.TimeoutSeconds,
                FailureThreshold = declared.FailureThreshold,
                SuccessThreshold = declared.SuccessThreshold,
            }
            : null;

    private static V1Probe? Readiness(HealthProbe? probe) => probe switch
    {
        HttpProbe http => new V1Probe { HttpGet = new V1HTTPGetAction { Path = http.ReadinessPath, Port = http.Endpoint.TargetPort }, PeriodSeconds = 10, FailureThreshold = 3 },
        CommandProbe command => new V1Probe { Exec = new V1ExecAction { Command = ["sh", "-c", command.ShellCommand] }, PeriodSeconds = 10, FailureThreshold = 3 },
        _ => null,
    };

    /// <summary>Slower and more patient than readiness: a restart is the remedy of last resort.</summary>
    private static V1Probe? Liveness(HealthProbe? probe) => probe switch
    {
        HttpProbe http => new V1Probe { HttpGet = new V1HTTPGetAction { Path = http.LivenessPath, Port = http.Endpoint.TargetPort }, InitialDelaySeconds = 30, PeriodSeconds = 20, FailureThreshold = 3 },
        CommandProbe command => new V1Probe { TcpSocket = new V1TCPSocketAction { Port = command.Port }, InitialDelaySeconds = 30, PeriodSeconds = 20, FailureThreshold = 3 },
        _ => null,
    };

    /// <summary>The image's non-root user, stated so that the kubelet can verify it; nothing where the image needs root.</summary>
    public static V1SecurityContext? SecurityContext(ContainerUser? user) => user is null
        ? null
        : new V1SecurityContext { RunAsNonRoot = true, RunAsUser = user.Uid, RunAsGroup = user.Gid, AllowPrivilegeEscalation = false };

    /// <summary>
    /// What the scheduler reserves: what the integration asks for, as much as a project where it is one, else little;
    /// limits are left to the cluster's policy.
    /// </summary>
    private static Dictionary<string, ResourceQuantity> Requests(IResource resource) =>
        resource.OfAnnotation<KubernetesResourceRequestsAnnotation>().LastOrDefault() is { } requests ? Request(requests.Cpu, requests.Memory)
        : resource is ProjectResource ? Request("100m", "256Mi")
        : Request("50m", "64Mi");

    public static Dictionary<string, ResourceQuantity> Request(string cpu, string memory) => new() { ["cpu"] = new(cpu), ["memory"] = new(memory) };

    private static List<T>? NullIfEmpty<T>(List<T> list) => list.Count == 0 ? null : list;
}
