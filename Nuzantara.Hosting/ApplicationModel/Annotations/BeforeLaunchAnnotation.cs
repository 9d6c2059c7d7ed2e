namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// A step the process runtime runs to completion before each start of an executable: installing an app's packages
/// (npm install), creating its virtual environment, checking for a tool it needs. A step that cannot succeed throws a
/// <see cref="DistributedApplicationException"/> naming the resource and the fix; the resource then fails to start
/// instead of being restarted into the same failure.
/// </summary>
public sealed class BeforeLaunchAnnotation(string description, Func<BeforeLaunchContext, Task> step) : IResourceAnnotation
{
    /// <summary>What the step does, for the resource's log ("npm install").</summary>
    public string Description { get; } = description;

    public Func<BeforeLaunchContext, Task> Step { get; } = step;
}

/// <param name="Environment">The resource's resolved environment, which the step's own commands run with.</param>
/// <param name="Log">Writes a line to the resource's log.</param>
public sealed record BeforeLaunchContext(ExecutableResource Resource, IReadOnlyDictionary<string, string> Environment, Action<string, bool> Log, CancellationToken CancellationToken);
