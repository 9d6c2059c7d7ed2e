using Microsoft.Extensions.Configuration;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Publishing;

/// <summary>What a publisher reads: the model, in publish mode, and where to write.</summary>
/// <param name="EnvironmentName">The AppHost's environment (Development, Production…), the label Prometheus puts on every series.</param>
/// <param name="Configuration">The AppHost's configuration: values of non-secret parameters. Secret values are never read.</param>
/// <param name="Services">The AppHost's services, for the content callbacks of <see cref="ContainerFileAnnotation"/>.</param>
/// <param name="OutputPath">The absolute <c>--output-path</c>: the manifest (or its folder) for the manifest publisher, a folder for the others.</param>
internal sealed record PublishingContext(
    DistributedApplicationModel Model,
    DistributedApplicationExecutionContext ExecutionContext,
    string EnvironmentName,
    IConfiguration Configuration,
    IServiceProvider Services,
    string OutputPath);
