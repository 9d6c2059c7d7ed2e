using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting;

public static class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// A parameter read from <c>Parameters:name</c>. A secret without a configured value is generated once and kept
    /// in the per-user store, so it survives restarts and never enters the repository.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, secret ? new GenerateParameterDefault() : null));

    /// <summary>The generated password of <paramref name="ownerName"/>, whose name is checked first so errors name the owner.</summary>
    internal static ParameterResource AddGeneratedPassword(this IDistributedApplicationBuilder builder, string ownerName)
    {
        Resource.ValidateName(ownerName);
        DistributedApplicationBuilder.EnsureNameIsFree(builder.Resources, ownerName);

        return builder.AddResource(new ParameterResource($"{ownerName}-password", secret: true, new GenerateParameterDefault())).Resource;
    }
}
