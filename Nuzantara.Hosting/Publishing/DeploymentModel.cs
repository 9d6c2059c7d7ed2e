using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Publishing.Dockerfiles;

namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The application model evaluated for publishing: every resource's environment, arguments, endpoints, mounts, waits
/// and probes, computed once with a publish-mode execution context so that the three publishers cannot disagree.
/// </summary>
internal sealed class DeploymentModel
{
    /// <summary>Paths of the host a container runs on, mounted by host-level exporters (node-exporter, cAdvisor): they exist on every Linux host and are never copied.</summary>
    private static readonly string[] HostRoots = ["/proc", "/sys", "/dev", "/run", "/var/run", "/var/lib/docker", "/var/log"];

    private readonly Dictionary<IResource, DeployedResource> _byResource;

    private DeploymentModel(IReadOnlyList<DeployedResource> resources)
    {
        Resources = resources;
        _byResource = resources.ToDictionary(r => r.Resource);
    }

    /// <summary>In the model's order.</summary>
    public IReadOnlyList<DeployedResource> Resources { get; }

    /// <summary>The resources that run as containers: projects, Dockerfile apps and containers (not executables).</summary>
    public IEnumerable<DeployedResource> Workloads => Resources.Where(r => r.Kind is DeploymentKind.Project or DeploymentKind.Dockerfile or DeploymentKind.Container);

    /// <summary>The workloads that run: all but the images only built for their files (as Aspire, which deploys no compute for them).</summary>
    public IEnumerable<DeployedResource> Services => Workloads.Where(w => !w.IsBuildOnly);

    /// <summary>
    /// Compose and Kubernetes run images: a command of this machine has none. Throws for the first executable, naming
    /// it and how to give it an image.
    /// </summary>
    public void RejectExecutables(string publisher)
    {
        if (Resources.FirstOrDefault(r => r.Kind == DeploymentKind.Executable)?.Resource is ExecutableResource executable)
        {
            throw new DistributedApplicationException(
                $"'{executable.Name}' runs '{executable.Command}' as a process (an executable), which {publisher} cannot deploy: it deploys images. " +
                $"Call PublishAsDockerFile() on it to publish it as the image built from {Path.Combine(executable.WorkingDirectory, "Dockerfile")}, " +
                "or publish with --publisher manifest, which writes it as executable.v0.");
        }
    }

    public IEnumerable<ParameterResource> Parameters => Resources.Where(r => r.Kind == DeploymentKind.Parameter).Select(r => (ParameterResource)r.Resource);

    public DeployedResource this[IResource resource] => _byResource[resource];

    /// <summary>A resource's name on the container network: lowercase, since Kubernetes requires it and DNS ignores case.</summary>
    public static string HostName(IResource resource) => resource.Name.ToLowerInvariant();

    public static async Task<DeploymentModel> CreateAsync(PublishingContext context, CancellationToken cancellationToken)
    {
        var resources = context.Model.Resources;
        var deploymentPorts = new DeploymentPorts(resources);
        var endpoints = resources.ToDictionary(r => r, r => Endpoints(r, deploymentPorts));
        string Address(EndpointReference e) =>
            $"{HostName(e.Resource)}:{endpoints[e.Resource].Single(x => string.Equals(x.Name, e.EndpointName, StringComparison.OrdinalIgnoreCase)).TargetPort}";

        var logger = context.Services.GetService<ILoggerFactory>()?.CreateLogger<DeploymentModel>() ?? (ILogger)NullLogger.Instance;
        var builds = new Dictionary<IResource, DeployedBuild?>();
        foreach (var resource in resources.Where(r => !IsExcluded(r) && KindOf(r) is not (DeploymentKind.Parameter or DeploymentKind.Value)))
        {
            builds[resource] = await BuildAsync(resource, PublishedImage, context, logger, cancellationToken).ConfigureAwait(false);
        }

        // Nothing runs to wait for in an image only built for its files.
        bool Runs(IResource resource) => builds.GetValueOrDefault(resource)?.BuildOnly != true;
        var deployed = new List<DeployedResource>();
        foreach (var resource in resources.Where(r => !IsExcluded(r)))
        {
            var kind = KindOf(resource);
            var build = builds.GetValueOrDefault(resource);
            var configuration = kind is DeploymentKind.Parameter or DeploymentKind.Value ? null : await ResourceConfiguration.EvaluateAsync(resource, context.ExecutionContext).ConfigureAwait(false);
            deployed.Add(kind is DeploymentKind.Parameter or DeploymentKind.Value
                ? new DeployedResource { Resource = resource, Kind = kind }
                : new DeployedResource
                {
                    Resource = resource,
                    Kind = kind,
                    Build = build,
                    Image = kind == DeploymentKind.Container && build is null ? Image(resource) : null,
                    Entrypoint = ResourceConfiguration.ContainerCommand(resource).Entrypoint,
                    Args = Args(resource, kind, build, configuration!.Arguments),
                    Environment = configuration.Environment,
                    Endpoints = endpoints[resource],
                    Mounts = kind == DeploymentKind.Container ? await MountsAsync(resource, context, Address, cancellationToken).ConfigureAwait(false) : [],
                    // A connection string of the model runs nowhere: waiting on it is waiting on nothing.
                    Waits = [.. resource.OfAnnotation<WaitAnnotation>().Where(w => !IsExcluded(Deployable(w.Resource)) && w.Resource is not ConnectionStringResource && Runs(Deployable(w.Resource)))
                        .Select(w => new DeployedWait(Deployable(w.Resource).Name, w.WaitType)).Distinct()],
                    Probe = HealthProbe.For(resource, endpoints[resource]),
                    Telemetry = resource.OfAnnotation<OtlpExporterAnnotation>().LastOrDefault()?.Protocol,
                });
        }

        var clash = deployed.SelectMany(r => r.Mounts.OfType<FilesMount>().SelectMany(m => m.Files)).GroupBy(f => f.OutputPath).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new DistributedApplicationException($"Two mounted files would both be published as {clash.Key}: give their mounts targets with different file names.");
        }

        return new DeploymentModel(deployed);
    }

    /// <summary>
    /// ExcludeFromManifest: runs locally, absent from every output; waits on it are dropped with it. So is a custom
    /// resource (WithInitialState on a resource no runtime runs): its own code runs it in the AppHost, so there is
    /// nothing to deploy (Aspire writes an error entry for it in the manifest, which the manifest schema rejects).
    /// </summary>
    private static bool IsExcluded(IResource resource) =>
        resource.OfAnnotation<ManifestPublishingCallbackAnnotation>().Any() || (IsCustom(resource) && resource.OfAnnotation<ResourceSnapshotAnnotation>().Any());

    private static bool IsCustom(IResource resource) =>
        resource is not (ParameterResource or ProjectResource or ContainerResource or ExecutableResource or IResourceWithConnectionString);

    private static DeploymentKind KindOf(IResource resource) => resource switch
    {
        ParameterResource => DeploymentKind.Parameter,
        ProjectResource => DeploymentKind.Project,
        ExecutableResource when resource.OfAnnotation<PublishAsFolderImageAnnotation>().Any() || resource.OfAnnotation<DockerfileBuildAnnotation>().Any() => DeploymentKind.Dockerfile,
        ContainerResource => DeploymentKind.Container,
        ExecutableResource => DeploymentKind.Executable,
        IResourceWithConnectionString => DeploymentKind.Value,
        _ => throw new DistributedApplicationException(
            $"Resource '{resource.Name}' ({resource.GetType().Name}) cannot be published: a deployment runs projects, containers, executables and apps with a Dockerfile."),
    };

    /// <summary>The image a resource is published as: what the deployment builds is named after the resource, as Compose's .env names it.</summary>
    private static string? PublishedImage(IResource resource) => IsExcluded(resource) ? null : KindOf(resource) switch
    {
        DeploymentKind.Project or DeploymentKind.Dockerfile => $"{HostName(resource)}:latest",
        DeploymentKind.Container => resource.OfAnnotation<DockerfileBuildAnnotation>().Any() ? $"{HostName(resource)}:latest" : Image(resource),
        _ => null,
    };

    private static string Image(IResource resource) =>
        resource.TryGetLastAnnotation<ContainerImageAnnotation>(out var image)
            ? image.FullName
            : throw new DistributedApplicationException($"Container '{resource.Name}' has no image to publish: call WithImage.");

    /// <summary>
    /// The Dockerfile build of an AddDockerfile container or a PublishAsDockerFile executable, or the folder's Dockerfile
    /// of an app always published as its folder's image (a Python app); where an app's folder has none, the one generated
    /// for it; for a Dockerfile written by code (WithDockerfileFactory, WithDockerfileBuilder), what the code writes,
    /// published next to the output as Aspire does.
    /// </summary>
    private static async Task<DeployedBuild?> BuildAsync(IResource resource, Func<IResource, string?> imageOf, PublishingContext context, ILogger logger,
        CancellationToken cancellationToken)
    {
        var annotation = resource.OfAnnotation<DockerfileBuildAnnotation>().LastOrDefault();
        if (annotation is null && resource is ExecutableResource app && resource.OfAnnotation<PublishAsFolderImageAnnotation>().Any())
        {
            annotation = new DockerfileBuildAnnotation(app.WorkingDirectory, Path.Combine(app.WorkingDirectory, "Dockerfile"), stage: null);
        }

        if (annotation is null)
        {
            return null;
        }

        if (annotation.DockerfileFactory is not null)
        {
            var content = await annotation.GenerateDockerfileAsync(new DockerfileFactoryContext { Services = context.Services, Resource = resource, CancellationToken = cancellationToken })
                .ConfigureAwait(false);
            return new DeployedBuild(annotation.ContextPath, annotation.DockerfilePath, annotation.Stage, annotation.BuildArguments)
            {
                Generated = new PublishedFile($"{resource.Name}.Dockerfile", content),
                Secrets = annotation.BuildSecrets,
            };
        }

        if (!File.Exists(annotation.DockerfilePath))
        {
            return GeneratedDockerfile.For(resource, annotation, imageOf, logger) ?? throw new DistributedApplicationException(
                $"'{resource.Name}' is published as the image built from {annotation.DockerfilePath}, which does not exist: add the Dockerfile (or fix its path in the AppHost).");
        }

        return new DeployedBuild(annotation.ContextPath, annotation.DockerfilePath, annotation.Stage, annotation.BuildArguments) { Secrets = annotation.BuildSecrets };
    }

    /// <summary>A database's waits and references are its server's: the server is what runs.</summary>
    private static IResource Deployable(IResource resource) =>
        resource is IResourceWithParent child && KindOf(resource) == DeploymentKind.Value ? Deployable(child.Parent) : resource;

    /// <summary>
    /// Target ports. A container or a Python app listens where the model says (for a Python app, the port it is told
    /// through its port variable). A project's ports come from its launch profile, a development setting: its image
    /// listens on ASP.NET Core's container default, and the manifest leaves the port to the deployment, as Aspire's does.
    /// </summary>
    private static IReadOnlyList<DeployedEndpoint> Endpoints(IResource resource, DeploymentPorts deploymentPorts)
    {
        var isProject = resource is ProjectResource;
        var projectEndpointsPerScheme = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<DeployedEndpoint>();
        foreach (var endpoint in resource.GetEndpoints())
        {
            var declared = endpoint.TargetPort ?? (isProject ? null : endpoint.Port);
            int targetPort;
            if (declared is { } port)
            {
                targetPort = port;
            }
            else if (isProject)
            {
                var index = projectEndpointsPerScheme.GetValueOrDefault(endpoint.UriScheme);
                projectEndpointsPerScheme[endpoint.UriScheme] = index + 1;
                // ASP.NET Core's container defaults, 8080 for http and 8443 for https, the next ones for further endpoints.
                targetPort = (endpoint.UriScheme == "https" ? 8443 : 8080) + index;
            }
            else if (endpoint.TargetPortEnvironmentVariable is not null)
            {
                // The app listens where its variable says (WithHttpEndpoint(env: "PORT")): the deployment chooses, as Aspire's manifest does.
                targetPort = deploymentPorts.Next();
                declared = targetPort;
            }
            else
            {
                throw new DistributedApplicationException(
                    $"Endpoint '{endpoint.Name}' of '{resource.Name}' has neither a target port nor a port, so a deployment cannot know where it listens: give it a targetPort.");
            }

            result.Add(new DeployedEndpoint(endpoint.Name, endpoint.UriScheme, endpoint.Transport, endpoint.Protocol, declared,
                isProject ? null : endpoint.Port, endpoint.IsExternal, targetPort, endpoint.Port));
        }

        return result;
    }

    /// <summary>
    /// Target ports for endpoints that only name their port variable, from 8000 up, skipping the ports the model
    /// declares: executables of one deployment share a machine, so no two may get the same.
    /// </summary>
    private sealed class DeploymentPorts(IEnumerable<IResource> resources)
    {
        private readonly HashSet<int> _taken = [.. resources.SelectMany(r => r.GetEndpoints()).SelectMany(e => new[] { e.TargetPort, e.Port }).OfType<int>()];
        private int _next = 8000;

        public int Next()
        {
            while (!_taken.Add(_next))
            {
                _next++;
            }

            return _next;
        }
    }

    /// <summary>
    /// A container's arguments follow its entrypoint; a Dockerfile app runs its image's command, since its model
    /// arguments are the interpreter's on this machine (<c>-m uvicorn …</c>, a script path). A generated Dockerfile that
    /// has the app's entry as entrypoint (a Python app's) takes the model's arguments after it, as in Aspire's manifest.
    /// </summary>
    private static IReadOnlyList<object> Args(IResource resource, DeploymentKind kind, DeployedBuild? build, IReadOnlyList<object> arguments)
    {
        var entrypointArguments = build?.Generated is null ? null : resource.OfAnnotation<GeneratedDockerfileAnnotation>().LastOrDefault()?.EntrypointArgumentCount();
        if (kind == DeploymentKind.Dockerfile && entrypointArguments is null)
        {
            return [];
        }

        if (entrypointArguments is { } count)
        {
            return [.. arguments.Skip(count)];
        }

        return [.. ResourceConfiguration.ContainerCommand(resource).Arguments, .. arguments];
    }

    private static async Task<IReadOnlyList<DeployedMount>> MountsAsync(IResource resource, PublishingContext context, Func<EndpointReference, string> address,
        CancellationToken cancellationToken)
    {
        var filesContext = new PublishedFilesContext(context.Model.Resources, context.EnvironmentName, address, context.Services);
        var published = resource.OfAnnotation<PublishedFilesAnnotation>().Select(a => a.Files(filesContext)).ToList();
        var generated = published.SelectMany(p => p.Files).ToList();
        var secrets = published.LastOrDefault(p => p.SecretTargets is not null)?.SecretTargets
            ?? [.. resource.OfAnnotation<ContainerFileAnnotation>().Where(f => f.IsSecret).Select(f => f.Target)];

        var mounts = new List<DeployedMount>(generated.Select(f => FileMount(resource, f.Target, f.Content)));

        // A generated file replaces a model file of the same target (Prometheus' configuration names this machine's
        // addresses). A secret file's content is never published: the deployment provides it.
        foreach (var file in resource.OfAnnotation<ContainerFileAnnotation>().Where(f => !f.IsSecret && generated.All(g => g.Target != f.Target)))
        {
            var content = await file.Content(new ContainerFileContext(resource, context.Services, cancellationToken)).ConfigureAwait(false);
            mounts.Add(FileMount(resource, file.Target, content));
        }

        mounts.AddRange(secrets.Where(t => generated.All(g => g.Target != t)).Select(t => new SecretFileMount($"{HostName(resource)}-{Path.GetFileName(t)}", t)));

        foreach (var mount in resource.OfAnnotation<ContainerMountAnnotation>())
        {
            mounts.Add(mount switch
            {
                { Type: ContainerMountType.Volume } => new VolumeMount(mount.Source, mount.Target, mount.IsReadOnly),
                _ when IsHostPath(mount.Source!) => new HostPathMount(mount.Source!, mount.Target, mount.IsReadOnly),
                _ => Copy(resource, mount),
            });
        }

        if (ImpliedVolumeAnnotation.For(resource) is { } volume)
        {
            mounts.Add(volume);
        }

        return mounts;
    }

    private static bool IsHostPath(string source) =>
        source == "/" || HostRoots.Any(root => source == root || source.StartsWith(root + "/", StringComparison.Ordinal));

    /// <summary>Published as <c>&lt;resource&gt;/&lt;file name of the target&gt;</c>: the output mirrors what each container sees.</summary>
    private static string OutputPath(IResource resource, string target) => $"{resource.Name}/{Path.GetFileName(target.TrimEnd('/'))}";

    private static FilesMount FileMount(IResource resource, string target, string content)
    {
        var path = OutputPath(resource, target);
        return new FilesMount(path, IsDirectory: false, [new PublishedFile(path, content)], target, IsReadOnly: true);
    }

    /// <summary>A file or folder of the application (a configuration, rule files), copied so the output stands on its own.</summary>
    private static FilesMount Copy(IResource resource, ContainerMountAnnotation mount)
    {
        var source = mount.Source!;
        var path = OutputPath(resource, mount.Target);
        if (File.Exists(source))
        {
            return new FilesMount(path, IsDirectory: false, [new PublishedFile(path, File.ReadAllText(source))], mount.Target, mount.IsReadOnly);
        }

        if (Directory.Exists(source))
        {
            var files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => new PublishedFile($"{path}/{Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/')}", File.ReadAllText(f)))
                .ToList();
            return new FilesMount(path, IsDirectory: true, files, mount.Target, mount.IsReadOnly);
        }

        throw new DistributedApplicationException(
            $"'{resource.Name}' mounts {source} at {mount.Target}, which does not exist; publishing copies it next to the output. Create it or fix the path.");
    }
}
