namespace Nuzantara.Reliability.Tests.TelemetrySinks;

/// <summary>
/// Latency and memory compared between runs mean nothing while fuzzers and kill -9 share the two cores: these tests
/// run alone, after the others.
/// </summary>
[CollectionDefinition(nameof(SinkMeasurementsCollection), DisableParallelization = true)]
public sealed class SinkMeasurementsCollection;
