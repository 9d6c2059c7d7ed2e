using Aspire.Hosting.Docker;
using Nuzantara.Hosting.Publishing.Compose;

namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// <c>--publisher default</c>, what <c>aspire publish</c> passes: each compute environment of the model writes its files
/// (a Docker Compose environment: docker-compose.yaml and .env). One environment writes into the output path itself.
/// </summary>
internal sealed class ComputeEnvironmentPublisher(DockerComposePublisher dockerCompose) : IPublisher
{
    public string Name => "default";

    public async Task PublishAsync(PublishingContext context, CancellationToken cancellationToken)
    {
        var environments = context.Model.Resources.OfType<IComputeEnvironmentResource>().ToList();
        switch (environments)
        {
            case []:
                throw new DistributedApplicationException(
                    "'--publisher default' publishes the model's compute environments, and it has none: add one (builder.AddDockerComposeEnvironment(\"compose\")) " +
                    "or choose a format with --publisher manifest, docker-compose or kubernetes.");
            case [DockerComposeEnvironmentResource]:
                await dockerCompose.PublishAsync(context, cancellationToken).ConfigureAwait(false);
                break;
            case [var other]:
                throw new DistributedApplicationException($"'{other.Name}' is a compute environment this engine cannot publish: use a Docker Compose environment (AddDockerComposeEnvironment).");
            default:
                throw new DistributedApplicationException(
                    $"The model has {environments.Count} compute environments ({string.Join(", ", environments.Select(e => e.Name))}); this engine publishes one: keep a single AddDockerComposeEnvironment.");
        }
    }
}
