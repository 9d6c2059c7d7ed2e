
namespace Aspire.Hosting;

public static partial class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// A parameter read from <c>Parameters:name</c>, which must be set to run; publishing asks the deployment for it
    /// (the manifest marks a secret one <c>"secret": true</c>). As in Aspire, nothing is generated for it: only the
    /// integrations' own passwords are (<see cref="AddGeneratedPassword"/>).
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret));

    /// <summary>
    /// A parameter whose value is the configuration key <paramref name="configurationKey"/> (an environment variable such
    /// as GRAFANA_API_KEY), as Aspire's AddParameterFromConfiguration. Nothing is generated: the key must be set to run,
    /// and a published deployment gets the value from its operator, never from this machine.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameterFromConfiguration(this IDistributedApplicationBuilder builder, string name,
        string configurationKey, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, configurationKey: configurationKey));

    /// <summary>The generated password of <paramref name="ownerName"/>, whose name is checked first so errors name the owner.</summary>
    internal static ParameterResource AddGeneratedPassword(this IDistributedApplicationBuilder builder, string ownerName)
    {
        Resource.ValidateName(ownerName);
        DistributedApplicationBuilder.EnsureNameIsFree(builder.Resources, ownerName);

        return builder.AddResource(new ParameterResource($"{ownerName}-password", secret: true, new GenerateParameterDefault())).Resource;
    }
}
