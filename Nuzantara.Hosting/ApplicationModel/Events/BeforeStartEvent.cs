namespace Aspire.Hosting.ApplicationModel;

/// <summary>Raised once every resource in the model is ready to start (ports allocated, parameters resolved).</summary>
public sealed record BeforeStartEvent(IServiceProvider Services);
