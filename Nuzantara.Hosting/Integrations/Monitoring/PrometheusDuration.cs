using System.Globalization;

namespace Nuzantara.Hosting.Monitoring;

/// <summary>A TimeSpan in the duration syntax Prometheus and Alertmanager read (<c>15s</c>, <c>500ms</c>, <c>5m</c>).</summary>
public static class PrometheusDuration
{
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Prometheus and Alertmanager intervals must be positive.");
        }

        var milliseconds = (long)value.TotalMilliseconds;
        return milliseconds switch
        {
            _ when milliseconds % 3_600_000 == 0 => Invariant($"{milliseconds / 3_600_000}h"),
            _ when milliseconds % 60_000 == 0 => Invariant($"{milliseconds / 60_000}m"),
            _ when milliseconds % 1_000 == 0 => Invariant($"{milliseconds / 1_000}s"),
            _ => Invariant($"{milliseconds}ms"),
        };
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
