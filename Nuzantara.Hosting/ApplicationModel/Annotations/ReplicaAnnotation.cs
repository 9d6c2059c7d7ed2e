namespace Aspire.Hosting.ApplicationModel;

/// <summary>How many instances of a project WithReplicas asked for; without it, one.</summary>
public sealed class ReplicaAnnotation(int replicas = 1) : IResourceAnnotation
{
    public int Replicas { get; } = replicas;
}
