namespace Aspire.Hosting;

public static partial class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// A parameter whose value is <paramref name="value"/>; as in Aspire it wins over <c>Parameters:name</c> in
    /// configuration. The manifest offers it as the deployment's default only when <paramref name="publishValueAsDefault"/>.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, string value,
        bool publishValueAsDefault = false, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        return builder.AddParameter(name, () => value, publishValueAsDefault, secret);
    }

    /// <summary>A parameter whose value is <paramref name="valueGetter"/>'s, read when the application starts or publishes.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, Func<string> valueGetter,
        bool publishValueAsDefault = false, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(valueGetter);

        // A published default is written in clear into the manifest, where a secret must never be.
        if (publishValueAsDefault && secret)
        {
            throw new ArgumentException("A parameter cannot be both secret and published as a default value.", nameof(secret));
        }

        return builder.AddResource(new ParameterResource(name, secret) { CodeValue = valueGetter, PublishValueAsDefault = publishValueAsDefault });
    }
}
