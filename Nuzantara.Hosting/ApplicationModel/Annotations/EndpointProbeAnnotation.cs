namespace Aspire.Hosting.ApplicationModel;

/// <summary>A probe that GETs <see cref="Path"/> on one of the resource's endpoints (WithHttpProbe).</summary>
public sealed class EndpointProbeAnnotation : ProbeAnnotation
{
    public required EndpointReference EndpointReference { get; init; }

    public required string Path { get; init; }
}
