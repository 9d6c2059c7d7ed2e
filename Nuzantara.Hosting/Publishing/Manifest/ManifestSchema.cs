namespace Nuzantara.Hosting.Publishing.Manifest;

/// <summary>The JSON schema of the manifest the publisher writes (aspire-8.0), shipped in this assembly for tools and tests that validate a manifest.</summary>
internal static class ManifestSchema
{
    private const string ResourceName = "Nuzantara.Hosting.Publishing.Schema.aspire-8.0.json";

    public static string Read()
    {
        using var stream = typeof(ManifestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
