namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// Tests that start a whole stack of their own run alone, after the shared stack's tests. AppHosts in one process give
/// their resource meter the same name, so one AppHost's /metrics also reads the others' meters, and an AppHost that
/// stops can end those series for the rest: a CI run lost the shared stack's nuzantara_resource_* series that way.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OwnStackCollection
{
    public const string Name = "stacks of their own";
}
