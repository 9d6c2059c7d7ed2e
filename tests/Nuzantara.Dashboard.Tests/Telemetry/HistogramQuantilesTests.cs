using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Dashboard.Tests.Telemetry;

/// <summary>Quantiles from buckets, the way Prometheus' histogram_quantile estimates them.</summary>
public sealed class HistogramQuantilesTests
{
    private static readonly double[] Bounds = [0.1, 0.5, 1];

    [Theory]
    [InlineData(0.5, 0.0625)] // rank 50 of 100 is 50 of 80 into the first bucket (0 – 0.1)
    [InlineData(0.95, 0.5)] // rank 95 is the end of the second bucket (0.1 – 0.5)
    [InlineData(0.99, 0.9)] // rank 99 is 4 of 5 into the third (0.5 – 1)
    public void A_quantile_interpolates_inside_its_bucket(double q, double expected)
    {
        Assert.Equal(expected, HistogramQuantiles.Quantile(q, Bounds, [80, 15, 5, 0])!.Value, 6);
    }

    [Fact]
    public void Observations_above_the_last_bound_answer_the_last_bound()
    {
        Assert.Equal(1, HistogramQuantiles.Quantile(0.99, Bounds, [0, 0, 0, 10]));
    }

    [Fact]
    public void An_interval_without_observations_has_no_quantile()
    {
        Assert.Null(HistogramQuantiles.Quantile(0.5, Bounds, [0, 0, 0, 0]));
    }
}
