using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Publishing;

/// <summary>
/// The AppHost's only work in publish mode: run the selected publisher, then stop. Nothing is started, provisioned
/// or generated on this machine, so <c>dotnet run -- --publisher manifest --output-path x</c> is safe anywhere (azd
/// runs exactly that). A mistake the user can fix ends the process with exit code 1 and the message alone.
/// </summary>
internal sealed class PublishingService(
    IEnumerable<IPublisher> publishers,
    IConfiguration configuration,
    DistributedApplicationModel model,
    DistributedApplicationExecutionContext executionContext,
    IHostEnvironment environment,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<PublishingService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DistributedApplicationException ex)
        {
            logger.LogError("{Message}", ex.Message);
            // Main is `builder.Build().Run()`, which returns normally once stopped: the exit code is the process's.
            Environment.ExitCode = 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Publishing could not write its output: {Message} Choose an --output-path this user can write to.", ex.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Publishes with the configured publisher; a wrong option or model throws <see cref="DistributedApplicationException"/>.</summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection(PublishingOptions.SectionName).Get<PublishingOptions>() ?? new PublishingOptions();
        var publisher = publishers.FirstOrDefault(p => string.Equals(p.Name, options.Publisher, StringComparison.OrdinalIgnoreCase))
            ?? throw new DistributedApplicationException(
                $"Unknown publisher '{options.Publisher}'. Use --publisher with one of: {string.Join(", ", publishers.Select(p => p.Name))}.");
        if (string.IsNullOrWhiteSpace(options.OutputPath))
        {
            // Aspire's wording, which tools that drive AppHosts (azd) already know.
            throw new DistributedApplicationException(
                $"The '--output-path [path]' option was not specified even though '--publisher {publisher.Name}' argument was used.");
        }

        // As Aspire, publishing raises BeforeStartEvent too: subscribers and hooks may add to the model what gets published.
        await new StartupNotifications(services, model).BeforeStartAsync(cancellationToken).ConfigureAwait(false);
        var context = new PublishingContext(model, executionContext, environment.EnvironmentName, configuration, services, Path.GetFullPath(options.OutputPath));
        await publisher.PublishAsync(context, cancellationToken).ConfigureAwait(false);
    }
}
