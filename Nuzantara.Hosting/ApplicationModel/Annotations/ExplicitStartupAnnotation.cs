namespace Aspire.Hosting.ApplicationModel;

/// <summary>The AppHost does not start the resource with the others; it waits, NotStarted, for the dashboard's Start.</summary>
public sealed class ExplicitStartupAnnotation : IResourceAnnotation;
