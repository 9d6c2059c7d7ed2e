namespace Nuzantara.Hosting.Dashboard.Telemetry;

/// <summary>
/// A quantile from explicit bucket counts, as Prometheus' histogram_quantile estimates it: find the bucket holding the
/// rank and interpolate linearly inside it. The first bucket starts at 0; the overflow bucket answers its lower bound.
/// </summary>
internal static class HistogramQuantiles
{
    public static double? Quantile(double q, IReadOnlyList<double> bounds, IReadOnlyList<double> counts)
    {
        var total = counts.Sum();
        if (total <= 0 || counts.Count != bounds.Count + 1)
        {
            return null;
        }

        var rank = q * total;
        double seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (seen + counts[i] >= rank && counts[i] > 0)
            {
                if (i == bounds.Count)
                {
                    return bounds.Count == 0 ? null : bounds[^1];
                }

                var lower = i == 0 ? Math.Min(0, bounds[0]) : bounds[i - 1];
                return lower + ((bounds[i] - lower) * ((rank - seen) / counts[i]));
            }

            seen += counts[i];
        }

        return bounds.Count == 0 ? null : bounds[^1];
    }
}
