using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Runs a resource's commands (<see cref="ResourceCommandAnnotation"/>): what the dashboard's buttons call, and what a
/// test calls through <c>app.ResourceCommands</c>. It does not look at the command's state; the dashboard does.
/// </summary>
public class ResourceCommandService
{
    private static readonly Dictionary<string, string> LegacyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [KnownResourceCommands.LegacyStartCommand] = KnownResourceCommands.StartCommand,
        [KnownResourceCommands.LegacyStopCommand] = KnownResourceCommands.StopCommand,
        [KnownResourceCommands.LegacyRestartCommand] = KnownResourceCommands.RestartCommand,
    };

    private readonly ResourceNotificationService _notifications;
    private readonly ResourceLoggerService _logs;
    private readonly IServiceProvider _services;
    private readonly ILogger<ResourceCommandService> _logger;

    // Internal, as Aspire's: new dependencies must not change the public API.
    internal ResourceCommandService(ResourceNotificationService notifications, ResourceLoggerService logs, IServiceProvider services, ILogger<ResourceCommandService> logger)
    {
        _notifications = notifications;
        _logs = logs;
        _services = services;
        _logger = logger;
    }

    /// <summary>Runs the command on the resource of that name (its id here); a failure when there is none.</summary>
    public Task<ExecuteCommandResult> ExecuteCommandAsync(string resourceId, string commandName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        ArgumentNullException.ThrowIfNull(commandName);
        return _notifications.TryGetCurrentState(resourceId, out var resourceEvent)
            ? ExecuteCommandAsync(resourceEvent.Resource, commandName, cancellationToken)
            : Task.FromResult(CommandResults.Failure($"Resource '{resourceId}' not found."));
    }

    /// <summary>Runs the command on the resource. A callback's exception is a failure, its cancellation a canceled result.</summary>
    public async Task<ExecuteCommandResult> ExecuteCommandAsync(IResource resource, string commandName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(commandName);
        if (Find(resource, commandName) is not { } annotation)
        {
            _logger.LogInformation("Command {Command} is not available for {Resource}", commandName, resource.Name);
            return CommandResults.Failure($"Command '{commandName}' not available for resource '{resource.Name}'.");
        }

        _logger.LogInformation("Executing command {Command} on {Resource}", annotation.Name, resource.Name);
        _logs.Write(resource.Name, $"Executing command '{annotation.Name}'.", isError: false);
        ExecuteCommandResult result;
        try
        {
            result = await annotation.ExecuteCommand(new ExecuteCommandContext
            {
                ServiceProvider = _services,
                ResourceName = resource.Name,
                CancellationToken = cancellationToken,
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            result = CommandResults.Canceled();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Command {Command} on {Resource} threw", annotation.Name, resource.Name);
            result = CommandResults.Failure($"Command '{annotation.Name}' threw {ex.GetType().Name}: {ex.Message}");
        }

        if (result.Success)
        {
            _logger.LogInformation("Command {Command} on {Resource} succeeded", annotation.Name, resource.Name);
            _logs.Write(resource.Name, $"Command '{annotation.Name}' succeeded.", isError: false);
        }
        else
        {
            var outcome = result.Canceled ? "was canceled" : $"failed: {result.ErrorMessage}";
            _logger.LogWarning("Command {Command} on {Resource} {Outcome}", annotation.Name, resource.Name, outcome);
            _logs.Write(resource.Name, $"Command '{annotation.Name}' {outcome}", isError: !result.Canceled);
        }

        return result;
    }

    /// <summary>The resource's command of that name, Aspire's earlier names for start, stop and restart included.</summary>
    internal static ResourceCommandAnnotation? Find(IResource resource, string commandName)
    {
        var commands = resource.Annotations.OfType<ResourceCommandAnnotation>().ToList();
        return commands.LastOrDefault(c => c.Name == commandName)
            ?? (LegacyNames.TryGetValue(commandName, out var current) ? commands.LastOrDefault(c => c.Name == current) : null);
    }
}
