namespace Nuzantara.Hosting.Orchestration;

/// <summary>A started resource that may outlive the AppHost (a persistent container): at shutdown it is let go, not stopped.</summary>
internal interface IPersistentRunningResource : IRunningResource
{
    /// <summary>Whether this one is to be left running when the AppHost stops.</summary>
    bool OutlivesAppHost { get; }

    /// <summary>Stops watching it and leaves it running.</summary>
    Task ReleaseAsync();
}
