namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>WithDeveloperCertificateTrust's choice, kept so the model says what the AppHost asked for (see that method for what it does here).</summary>
public sealed class DeveloperCertificateTrustAnnotation(bool trust) : IResourceAnnotation
{
    public bool Trust { get; } = trust;
}
