
namespace Aspire.Hosting;

public static class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// A parameter read from <c>Parameters:name</c>. A secret without a configured value is generated once and kept
    /// in the per-user store, so it survives restarts and never enters the repository.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, secret ? new GenerateParameterDefault() : null));

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
