namespace Aspire.Hosting.ApplicationModel;

/// <summary>Raised when a resource first becomes healthy; subscribers finish its set-up (for example create databases).</summary>
public sealed record ResourceReadyEvent(IResource Resource, IServiceProvider Services);
