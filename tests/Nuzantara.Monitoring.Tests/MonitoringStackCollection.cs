namespace Nuzantara.Monitoring.Tests;

/// <summary>One running stack for every end-to-end test: starting it is most of their time.</summary>
[CollectionDefinition(Name)]
public sealed class MonitoringStackCollection : ICollectionFixture<MonitoringStack>
{
    public const string Name = "monitoring stack";
}
