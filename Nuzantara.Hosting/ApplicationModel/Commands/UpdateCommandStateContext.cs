namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a command's state callback is given: the resource's snapshot being published.</summary>
public sealed class UpdateCommandStateContext
{
    public required CustomResourceSnapshot ResourceSnapshot { get; init; }

    public required IServiceProvider ServiceProvider { get; init; }
}
