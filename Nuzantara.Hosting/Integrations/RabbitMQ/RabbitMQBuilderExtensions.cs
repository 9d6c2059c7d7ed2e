using System.Globalization;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Hosting.Orchestration.Health;

namespace Aspire.Hosting;

public static partial class RabbitMQBuilderExtensions
{
    private const int ImagePort = 5672;

    private const int ManagementImagePort = 15672;

    private const string DataPath = "/var/lib/rabbitmq";

    private const string ImageRegistry = "docker.io";

    private const string ImageName = "library/rabbitmq";

    private const string ImageTag = "4.2";

    /// <summary>
    /// A RabbitMQ broker with a generated password (letters and digits only: it goes into a URI) and the user
    /// <paramref name="userName"/>'s value, or <c>guest</c>, created when the broker first starts. Natively it is Debian's
    /// rabbitmq-server, each instance with its own node name, Erlang cookie, distribution and epmd ports and data folder.
    /// Healthy once an AMQP connection opens.
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource>? userName = null, IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        var rabbitMQ = new RabbitMQServerResource(name, userName?.Resource, password?.Resource ?? builder.AddGeneratedPassword(name));
        var resource = builder.AddResource(rabbitMQ)
            .WithImage($"{ImageRegistry}/{ImageName}", ImageTag)
            .WithEndpoint(port: port, targetPort: ImagePort, name: RabbitMQServerResource.PrimaryEndpointName)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["RABBITMQ_DEFAULT_USER"] = rabbitMQ.UserNameReference;
                context.EnvironmentVariables["RABBITMQ_DEFAULT_PASS"] = rabbitMQ.PasswordParameter;
            })
            .WithAnnotation(new ContainerArgsAnnotation(() => ["rabbitmq-server", .. ErlangListenArguments(rabbitMQ, PortAllocator.FreePort())]) { ListensOnAllocatedPorts = true })
            .WithAnnotation(new RequiredPackagesAnnotation(ServerScript, ["rabbitmq-server"]))
            .WithAnnotation(NativeRecipe(rabbitMQ))
            .WithHealthCheck($"{name}_check", _ => new RabbitMQHealthCheck(rabbitMQ));
        if (builder.ExecutionContext.IsRunMode)
        {
            // On the host's network the containers share one epmd: distinct node names keep them apart.
            resource.WithEnvironment("RABBITMQ_NODENAME", NodeName(rabbitMQ));
        }

        return resource;
    }

    /// <summary>Keeps the broker's data (definitions, messages) in a volume named as Aspire names it unless <paramref name="name"/> is given.</summary>
    public static IResourceBuilder<RabbitMQServerResource> WithDataVolume(this IResourceBuilder<RabbitMQServerResource> builder, string? name = null, bool isReadOnly = false) =>
        builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataPath, isReadOnly);

    /// <summary>Keeps the broker's data in <paramref name="source"/> (relative to the AppHost folder); natively the broker uses the folder itself.</summary>
    public static IResourceBuilder<RabbitMQServerResource> WithDataBindMount(this IResourceBuilder<RabbitMQServerResource> builder, string source, bool isReadOnly = false) =>
        builder.WithBindMount(source, DataPath, isReadOnly);

    /// <inheritdoc cref="WithManagementPlugin(IResourceBuilder{RabbitMQServerResource}, int?)"/>
    public static IResourceBuilder<RabbitMQServerResource> WithManagementPlugin(this IResourceBuilder<RabbitMQServerResource> builder) =>
        builder.WithManagementPlugin(port: null);

    /// <summary>
    /// The management UI and HTTP API on the <c>management</c> endpoint (<paramref name="port"/>, or a free one). As in
    /// Aspire the image becomes its <c>-management</c> variant (<c>4.2</c> → <c>4.2-management</c>, <c>4.2-alpine</c> →
    /// <c>4.2-management-alpine</c>); an image that is not docker.io/library/rabbitmq, or a tag that names no version,
    /// is an error. Natively the broker enables its rabbitmq_management plugin.
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> WithManagementPlugin(this IResourceBuilder<RabbitMQServerResource> builder, int? port)
    {
        var images = builder.Resource.OfAnnotation<ContainerImageAnnotation>().ToList();
        var tag = images is [{ Registry: ImageRegistry } image] && string.Equals(image.Image, ImageName, StringComparison.OrdinalIgnoreCase)
            ? ManagementTag(image.Tag)
            : null;
        if (tag is null)
        {
            throw new DistributedApplicationException(
                $"Cannot configure the RabbitMQ resource '{builder.Resource.Name}' to enable the management plugin as it uses an unrecognized container image registry, name, or tag. " +
                $"Use {ImageRegistry}/{ImageName} with a version tag (4.2, 4.2-alpine), or add the management endpoint yourself with WithHttpEndpoint.");
        }

        images[0].Tag = tag;
        return builder.WithHttpEndpoint(port: port, targetPort: ManagementImagePort, name: RabbitMQServerResource.ManagementEndpointName);
    }

    /// <summary>The tag of the image's management variant, or null when <paramref name="tag"/> is not one of the image's own forms.</summary>
    private static string? ManagementTag(string? tag)
    {
        const string management = "management";
        const string alpine = "alpine";
        if (string.IsNullOrEmpty(tag))
        {
            return $"{ImageTag}-{management}";
        }

        if (tag.EndsWith(management, StringComparison.OrdinalIgnoreCase) || tag.EndsWith($"{management}-{alpine}", StringComparison.OrdinalIgnoreCase))
        {
            return tag;
        }

        if (tag.Equals(alpine, StringComparison.OrdinalIgnoreCase))
        {
            return $"{management}-{alpine}";
        }

        if (tag.EndsWith($"-{alpine}", StringComparison.OrdinalIgnoreCase))
        {
            return $"{tag[..^(alpine.Length + 1)]}-{management}-{alpine}";
        }

        return IsVersion(tag) ? $"{tag}-{management}" : null;
    }

    /// <summary>Digits separated by single dots: 4, 4.2, 4.2.1.</summary>
    private static bool IsVersion(string tag) =>
        tag.Split('.').All(part => part.Length > 0 && part.All(char.IsAsciiDigit));

    private static string NodeName(RabbitMQServerResource rabbitMQ) => $"{rabbitMQ.Name}@localhost";

    /// <summary>
    /// Erlang application settings that put the broker on its allocated address and ports: AMQP, the management UI when
    /// enabled, and Erlang distribution (which rabbitmqctl uses) on the loopback interface only.
    /// </summary>
    private static IEnumerable<string> ErlangListenArguments(RabbitMQServerResource rabbitMQ, int distributionPort)
    {
        var endpoint = rabbitMQ.PrimaryEndpoint;
        yield return "-rabbit";
        yield return "tcp_listeners";
        yield return $"[{{\"{endpoint.Host}\",{endpoint.Allocated.TargetPort.ToString(CultureInfo.InvariantCulture)}}}]";
        if (rabbitMQ.HasManagementPlugin())
        {
            var management = rabbitMQ.ManagementEndpoint;
            yield return "-rabbitmq_management";
            yield return "tcp_config";
            yield return $"[{{ip,\"{management.Host}\"}},{{port,{management.Allocated.TargetPort.ToString(CultureInfo.InvariantCulture)}}}]";
        }

        yield return "-kernel";
        yield return "inet_dist_listen_min";
        yield return distributionPort.ToString(CultureInfo.InvariantCulture);
        yield return "-kernel";
        yield return "inet_dist_listen_max";
        yield return distributionPort.ToString(CultureInfo.InvariantCulture);
        if (System.Net.IPAddress.TryParse(endpoint.Host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            yield return "-kernel";
            yield return "inet_dist_use_interface";
            yield return $"{{{string.Join(',', address.GetAddressBytes())}}}";
        }
    }

    private static bool HasManagementPlugin(this RabbitMQServerResource rabbitMQ) =>
        rabbitMQ.OfAnnotation<EndpointAnnotation>().Any(e => e.Name == RabbitMQServerResource.ManagementEndpointName);
}
