namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>Redis snapshots its data every <see cref="Interval"/> when at least <see cref="KeysChangedThreshold"/> keys changed (<c>save</c>).</summary>
public sealed class RedisPersistenceAnnotation(TimeSpan interval, long keysChangedThreshold) : IResourceAnnotation
{
    public TimeSpan Interval { get; } = interval;

    public long KeysChangedThreshold { get; } = keysChangedThreshold;

    /// <summary>The <c>save</c> setting's two values: seconds and keys.</summary>
    public string SaveArguments =>
        $"{Interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} {KeysChangedThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
