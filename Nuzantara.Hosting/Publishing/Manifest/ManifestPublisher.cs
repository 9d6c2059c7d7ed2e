using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Publishing.Dockerfiles;

namespace Nuzantara.Hosting.Publishing.Manifest;

/// <summary>
/// Aspire's deployment manifest (<c>aspire-8.0</c>), which azd reads to provision Azure Container Apps. Every value is
/// a manifest expression (<c>{redis.bindings.tcp.host}</c>, <c>{redis-password.value}</c>) that the deployment tool
/// resolves; configuration files the containers need are written next to the manifest and mounted from there.
/// </summary>
internal sealed partial class ManifestPublisher(ILogger<ManifestPublisher> logger) : IPublisher
{
    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    public string Name => "manifest";

    public async Task PublishAsync(PublishingContext context, CancellationToken cancellationToken)
    {
        // As Aspire: a path ending in .json is the manifest, any other is its folder (azd passes a file).
        var manifestPath = context.OutputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? context.OutputPath
            : Path.Combine(context.OutputPath, "aspire-manifest.json");
        var directory = Path.GetDirectoryName(manifestPath)!;
        var deployment = await DeploymentModel.CreateAsync(context, cancellationToken).ConfigureAwait(false);

        foreach (var file in deployment.Workloads.SelectMany(w => w.Mounts.OfType<FilesMount>()).SelectMany(m => m.Files))
        {
            await OutputFiles.WriteAsync(directory, file.OutputPath, file.Content, cancellationToken).ConfigureAwait(false);
        }

        await GeneratedDockerfiles.WriteAsync(deployment, directory, cancellationToken).ConfigureAwait(false);

        foreach (var observer in deployment.Workloads.Where(w => w.Mounts.OfType<HostPathMount>().Any()))
        {
            logger.LogWarning("'{Resource}' observes its host through {Paths}; the manifest leaves these mounts out, so where it deploys it sees its own container only",
                observer.Name, string.Join(", ", observer.Mounts.OfType<HostPathMount>().Select(m => m.HostPath)));
        }

        await OutputFiles.WriteAsync(directory, Path.GetFileName(manifestPath), Render(deployment, directory), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Published manifest to: {ManifestPath}", manifestPath);
    }

    internal static string Render(DeploymentModel deployment, string manifestDirectory)
    {
        var connectionStrings = deployment.Resources
            .Where(r => r.Resource is IResourceWithConnectionString)
            .Select(r => (IResourceWithConnectionString)r.Resource)
            .ToDictionary(r => r.ConnectionStringExpression.ValueExpression, r => ((IManifestExpressionProvider)r).ValueExpression, StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaUrl);
            writer.WriteStartObject("resources");
            foreach (var resource in deployment.Resources)
            {
                writer.WriteStartObject(resource.Name);
                WriteResource(writer, resource, manifestDirectory, connectionStrings);
                writer.WriteEndObject();
            }

            writer.Flush();
            WriteFormattedValues(writer, Encoding.UTF8.GetString(buffer.ToArray()), deployment);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Declares each formatted value the resources refer to (<c>{pg-password-uri-encoded.value}</c>, see
    /// <see cref="ReferenceExpression.StringFormats"/>) as Aspire does: an <c>annotated.string</c> of the value with its
    /// filter. They are found in what was written, the one place that has every expression as the manifest reads it.
    /// </summary>
    private static void WriteFormattedValues(Utf8JsonWriter writer, string written, DeploymentModel deployment)
    {
        var names = deployment.Resources.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var formatted = FormattedValueReference().Matches(written)
            .Select(m => (Value: m.Groups["value"].Value, Filter: m.Groups["filter"].Value))
            .Where(f => names.Contains(f.Value))
            .Distinct()
            .OrderBy(f => f.Value, StringComparer.Ordinal);
        foreach (var (value, filter) in formatted)
        {
            writer.WriteStartObject(ReferenceExpression.FormattedValueName(value, filter));
            writer.WriteString("type", "annotated.string");
            writer.WriteString("value", $"{{{value}.value}}");
            writer.WriteString("filter", filter);
            writer.WriteEndObject();
        }
    }

    [GeneratedRegex(@"\{(?<value>[^{}.]+)-(?<filter>uri)-encoded\.value\}")]
    private static partial Regex FormattedValueReference();

    private static void WriteResource(Utf8JsonWriter writer, DeployedResource resource, string manifestDirectory, IReadOnlyDictionary<string, string> connectionStrings)
    {
        switch (resource.Kind)
        {
            case DeploymentKind.Parameter:
                WriteParameter(writer, (ParameterResource)resource.Resource);
                return;

            case DeploymentKind.Value:
                writer.WriteString("type", "value.v0");
                writer.WriteString("connectionString", ((IResourceWithConnectionString)resource.Resource).ConnectionStringExpression.ValueExpression);
                return;

            case DeploymentKind.Project:
                writer.WriteString("type", "project.v0");
                writer.WriteString("path", OutputFiles.Relative(manifestDirectory, ((ProjectResource)resource.Resource).Metadata.ProjectPath));
                break;

            case DeploymentKind.Dockerfile or DeploymentKind.Container:
                writer.WriteString("type", resource.Build is null ? "container.v0" : "container.v1");
                if (resource.Resource is IResourceWithConnectionString withConnectionString)
                {
                    writer.WriteString("connectionString", withConnectionString.ConnectionStringExpression.ValueExpression);
                }

                if (resource.Build is { } containerBuild)
                {
                    writer.WriteStartObject("build");
                    writer.WriteString("context", OutputFiles.Relative(manifestDirectory, containerBuild.Context));
                    writer.WriteString("dockerfile", OutputFiles.Relative(manifestDirectory, containerBuild.DockerfileIn(manifestDirectory)));
                    if (containerBuild.Stage is { } stage)
                    {
                        writer.WriteString("stage", stage);
                    }

                    if (containerBuild.BuildOnly)
                    {
                        writer.WriteBoolean("buildOnly", true);
                    }

                    WriteBuildArgs(writer, "args", containerBuild, connectionStrings);
                    WriteBuildSecrets(writer, containerBuild, connectionStrings);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteString("image", resource.Image);
                }

                if (resource.Entrypoint is { } entrypoint)
                {
                    writer.WriteString("entrypoint", entrypoint);
                }

                break;

            case DeploymentKind.Executable:
                var executable = (ExecutableResource)resource.Resource;
                writer.WriteString("type", "executable.v0");
                writer.WriteString("command", executable.Command);
                writer.WriteString("workingDirectory", OutputFiles.Relative(manifestDirectory, executable.WorkingDirectory));
                break;
        }

        WriteContainerFiles(writer, resource);
        WriteArgs(writer, resource, connectionStrings);
        WriteMounts(writer, resource);
        WriteEnvironment(writer, resource, connectionStrings);
        WriteBindings(writer, resource);
    }

    /// <summary>A build argument without a value is taken from the builder's environment: written as an empty string, as Aspire does.</summary>
    private static void WriteBuildArgs(Utf8JsonWriter writer, string propertyName, DeployedBuild build, IReadOnlyDictionary<string, string> connectionStrings)
    {
        if (build.Args.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(propertyName);
        foreach (var (name, value) in build.Args)
        {
            writer.WriteString(name, value is null ? string.Empty : Expression(value, connectionStrings));
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// As Aspire: each secret as an environment variable of the build whose value the deployment tool resolves
    /// (<c>{secret.value}</c>); the value itself is never written.
    /// </summary>
    private static void WriteBuildSecrets(Utf8JsonWriter writer, DeployedBuild build, IReadOnlyDictionary<string, string> connectionStrings)
    {
        if (build.Secrets.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("secrets");
        foreach (var (name, value) in build.Secrets)
        {
            writer.WriteStartObject(name);
            writer.WriteString("type", "env");
            writer.WriteString("value", Expression(value, connectionStrings));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A value is never taken from this machine's configuration: the deployment tool (azd) asks for it, or generates it
    /// from <c>default.generate</c>, which only the integrations' passwords have, or offers the code's value as
    /// <c>default.value</c> when the AppHost published it (publishValueAsDefault).
    /// </summary>
    private static void WriteParameter(Utf8JsonWriter writer, ParameterResource parameter)
    {
        writer.WriteString("type", "parameter.v0");
        if (parameter is IResourceWithConnectionString)
        {
            // As Aspire: the parameter's value is the connection string resources reference as {name.connectionString}.
            writer.WriteString("connectionString", parameter.ValueExpression);
        }

        writer.WriteString("value", $"{{{parameter.Name}.inputs.value}}");
        writer.WriteStartObject("inputs");
        writer.WriteStartObject("value");
        writer.WriteString("type", "string");
        if (parameter.Secret)
        {
            writer.WriteBoolean("secret", true);
        }

        if (parameter.Generate is { } generate)
        {
            writer.WriteStartObject("default");
            writer.WriteStartObject("generate");
            writer.WriteNumber("minLength", generate.MinLength);
            // Aspire writes a character class only when it is excluded.
            foreach (var (name, included) in new[] { ("lower", generate.Lower), ("upper", generate.Upper), ("numeric", generate.Numeric), ("special", generate.Special) })
            {
                if (!included)
                {
                    writer.WriteBoolean(name, false);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else if (parameter is { PublishValueAsDefault: true, CodeValue: { } codeValue })
        {
            writer.WriteStartObject("default");
            writer.WriteString("value", codeValue());
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteArgs(Utf8JsonWriter writer, DeployedResource resource, IReadOnlyDictionary<string, string> connectionStrings)
    {
        if (resource.Args.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("args");
        foreach (var arg in resource.Args)
        {
            writer.WriteStringValue(Expression(arg, connectionStrings));
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Files shipped with the manifest are mounted from where they were written, relative to it, and secret files from
    /// where the user puts them (<c>secrets/</c>, never written here). Paths of the host are left out: azd uploads a bind
    /// mount's source to an Azure Files share, and a serverless platform has no host to observe. Only volumes the model
    /// declares are written: the manifest states the model, as Aspire's does, and leaves defaults to the deployment.
    /// </summary>
    private static void WriteMounts(Utf8JsonWriter writer, DeployedResource resource)
    {
        var bindMounts = resource.Mounts
            .Select(m => m switch { FilesMount files => files.OutputPath, SecretFileMount secret => secret.OutputPath, _ => null } is { } source ? (Source: source, Mount: m) : default)
            .Where(m => m.Source is not null)
            .ToList();
        if (bindMounts.Count > 0)
        {
            writer.WriteStartArray("bindMounts");
            foreach (var (source, mount) in bindMounts)
            {
                writer.WriteStartObject();
                writer.WriteString("source", source);
                writer.WriteString("target", mount.Target);
                writer.WriteBoolean("readOnly", mount.IsReadOnly);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        // An anonymous volume is left out: aspire-8.0 requires a volume's name (Aspire writes it without one, which its
        // own schema refuses), and data that lasts as long as the container is the container's own filesystem.
        var volumes = resource.Mounts.OfType<VolumeMount>().Where(v => v is { IsImplied: false, VolumeName: not null }).ToList();
        if (volumes.Count > 0)
        {
            writer.WriteStartArray("volumes");
            foreach (var volume in volumes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", volume.VolumeName);
                writer.WriteString("target", volume.Target);
                writer.WriteBoolean("readOnly", volume.IsReadOnly);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteEnvironment(Utf8JsonWriter writer, DeployedResource resource, IReadOnlyDictionary<string, string> connectionStrings)
    {
        if (resource.Environment.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("env");
        foreach (var (name, value) in resource.Environment)
        {
            writer.WriteString(name, Expression(value, connectionStrings));
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// PublishWithContainerFiles, as Aspire writes it: per source resource, where its files go in this image and the
    /// paths of the source's image they come from; the deployment tool builds the source first and copies them.
    /// </summary>
    private static void WriteContainerFiles(Utf8JsonWriter writer, DeployedResource resource)
    {
        var destinations = resource.Resource.OfAnnotation<ContainerFilesDestinationAnnotation>().ToList();
        if (destinations.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("containerFiles");
        foreach (var destination in destinations)
        {
            writer.WriteStartObject(destination.Source.Name);
            writer.WriteString("destination", destination.DestinationPath);
            var sources = destination.Source.OfAnnotation<ContainerFilesSourceAnnotation>().ToList();
            if (sources.Count > 0)
            {
                writer.WriteStartArray("sources");
                foreach (var source in sources)
                {
                    writer.WriteStringValue(source.SourcePath);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>As Aspire's writer: <c>port</c> only when set and different from the target port, <c>external</c> only when true.</summary>
    private static void WriteBindings(Utf8JsonWriter writer, DeployedResource resource)
    {
        if (resource.Endpoints.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("bindings");
        foreach (var endpoint in resource.Endpoints)
        {
            writer.WriteStartObject(endpoint.Name);
            writer.WriteString("scheme", endpoint.Scheme);
            writer.WriteString("protocol", endpoint.Protocol);
            writer.WriteString("transport", endpoint.Transport);
            if (endpoint.DeclaredTargetPort is { } targetPort)
            {
                writer.WriteNumber("targetPort", targetPort);
            }

            if (endpoint.Port is { } port && port != endpoint.DeclaredTargetPort)
            {
                writer.WriteNumber("port", port);
            }

            if (endpoint.IsExternal)
            {
                writer.WriteBoolean("external", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static string Expression(object value, IReadOnlyDictionary<string, string> connectionStrings) => value switch
    {
        string text => text,
        // A whole connection string is written as the resource's, as Aspire does: the deployment tool resolves it once.
        ReferenceExpression expression when connectionStrings.TryGetValue(expression.ValueExpression, out var reference) => reference,
        IManifestExpressionProvider provider => provider.ValueExpression,
        _ => throw new DistributedApplicationException(
            $"A value of type {value.GetType().Name} cannot be written to the manifest: use strings, parameters, endpoint references or connection strings."),
    };
}
