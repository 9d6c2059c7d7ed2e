namespace Aspire.Hosting;

/// <summary>Names volumes as Aspire does, so that a volume is the same one whichever of the two created it.</summary>
public static class VolumeNameGenerator
{
    /// <summary>
    /// <c>{application name}-{first 10 hex digits of AppHost:Sha256}-{resource}-{suffix}</c>, lowercase but for the
    /// resource's name, with every character Docker refuses in a volume name replaced by '_'.
    /// </summary>
    public static string Generate<T>(IResourceBuilder<T> builder, string suffix) where T : IResource
    {
        if (!IsValidVolumeName(suffix))
        {
            throw new ArgumentException($"The suffix '{suffix}' contains invalid characters. It must match [a-zA-Z0-9][a-zA-Z0-9_.-]*.", nameof(suffix));
        }

        var configuration = builder.ApplicationBuilder.Configuration;
        var sha = configuration["AppHost:Sha256"]
            ?? throw new DistributedApplicationException("AppHost:Sha256 is not set: volume names are generated from the builder's configuration, which sets it.");
        var application = Sanitize(builder.ApplicationBuilder.Environment.ApplicationName).ToLowerInvariant();
        return $"{application}-{sha[..10].ToLowerInvariant()}-{builder.Resource.Name}-{suffix}";
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select((c, i) => IsValidChar(i, c) ? c : '_'));

    private static bool IsValidVolumeName(string value) => value.Select((c, i) => IsValidChar(i, c)).All(valid => valid);

    /// <summary>Docker's rule for volume names: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]*</c>.</summary>
    private static bool IsValidChar(int index, char c) =>
        char.IsAsciiLetterOrDigit(c) || (index > 0 && c is '_' or '.' or '-');
}
