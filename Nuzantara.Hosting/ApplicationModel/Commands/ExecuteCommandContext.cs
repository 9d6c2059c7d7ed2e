namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a command's callback is given: the resource it runs on and the AppHost's services.</summary>
public sealed class ExecuteCommandContext
{
    public required IServiceProvider ServiceProvider { get; init; }

    public required string ResourceName { get; init; }

    public required CancellationToken CancellationToken { get; init; }
}
