namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// Tests that start a whole stack of their own run alone, after the shared stack's tests: on two cores, stacks starting
/// side by side stretch the start-up, scrape and <c>for:</c> timings these tests read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OwnStackCollection
{
    public const string Name = "stacks of their own";
}
