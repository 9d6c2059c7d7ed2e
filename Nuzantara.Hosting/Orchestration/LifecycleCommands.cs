using Microsoft.Extensions.DependencyInjection;

namespace Nuzantara.Hosting.Orchestration;

/// <summary>
/// Start, Stop and Restart (<see cref="KnownResourceCommands"/>), which every resource this AppHost runs gets, as under
/// Aspire. Their states follow Aspire's, except that Stop is also offered while a resource waits or starts: the
/// runner here can cancel a wait or a start, and a resource stuck waiting would otherwise have no way out.
/// </summary>
internal static class LifecycleCommands
{
    public static void AddLifecycleCommands(this IResource resource)
    {
        Add(resource, new ResourceCommandAnnotation(
            KnownResourceCommands.StartCommand,
            "Start",
            context => context.ResourceSnapshot.State?.Text switch
            {
                KnownResourceStates.NotStarted or KnownResourceStates.Exited or KnownResourceStates.Finished
                    or KnownResourceStates.FailedToStart or KnownResourceStates.RuntimeUnhealthy => ResourceCommandState.Enabled,
                KnownResourceStates.Starting or null or "" => ResourceCommandState.Disabled,
                _ => ResourceCommandState.Hidden,
            },
            context => Orchestrator(context).StartResourceAsync(context.ResourceName, context.CancellationToken),
            "Start resource",
            parameter: null,
            confirmationMessage: null,
            iconName: "Play",
            iconVariant: IconVariant.Filled,
            isHighlighted: true));

        Add(resource, new ResourceCommandAnnotation(
            KnownResourceCommands.StopCommand,
            "Stop",
            context => context.ResourceSnapshot.State?.Text switch
            {
                KnownResourceStates.Stopping => ResourceCommandState.Disabled,
                KnownResourceStates.NotStarted or KnownResourceStates.Exited or KnownResourceStates.Finished or KnownResourceStates.FailedToStart
                    or KnownResourceStates.RuntimeUnhealthy or null or "" => ResourceCommandState.Hidden,
                _ => ResourceCommandState.Enabled,
            },
            context => Orchestrator(context).StopResourceAsync(context.ResourceName, context.CancellationToken),
            "Stop resource",
            parameter: null,
            confirmationMessage: null,
            iconName: "Stop",
            iconVariant: IconVariant.Filled,
            isHighlighted: true));

        Add(resource, new ResourceCommandAnnotation(
            KnownResourceCommands.RestartCommand,
            "Restart",
            context => context.ResourceSnapshot.State?.Text switch
            {
                KnownResourceStates.NotStarted or KnownResourceStates.Waiting or KnownResourceStates.Starting or KnownResourceStates.Stopping
                    or KnownResourceStates.Exited or KnownResourceStates.Finished or KnownResourceStates.FailedToStart
                    or KnownResourceStates.RuntimeUnhealthy or null or "" => ResourceCommandState.Disabled,
                _ => ResourceCommandState.Enabled,
            },
            context => Orchestrator(context).RestartResourceAsync(context.ResourceName, context.CancellationToken),
            "Restart resource",
            parameter: null,
            confirmationMessage: null,
            iconName: "ArrowCounterclockwise",
            iconVariant: IconVariant.Regular,
            isHighlighted: false));
    }

    // An AppHost's own command of the same name (WithCommand("stop", …)) is kept: a name must be there once only.
    private static void Add(IResource resource, ResourceCommandAnnotation command)
    {
        if (!resource.Annotations.OfType<ResourceCommandAnnotation>().Any(c => c.Name == command.Name))
        {
            resource.Annotations.Add(command);
        }
    }

    private static ApplicationOrchestrator Orchestrator(ExecuteCommandContext context) =>
        context.ServiceProvider.GetRequiredService<ApplicationOrchestrator>();
}
