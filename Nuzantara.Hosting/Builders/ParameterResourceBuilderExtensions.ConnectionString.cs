namespace Aspire.Hosting;

public static partial class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// A connection string read from <c>ConnectionStrings:name</c>, which must be set to run. WithReference gives it as
    /// <c>ConnectionStrings__name</c>, or as <paramref name="environmentVariableName"/> when given; the manifest asks the
    /// deployment for it as a secret <c>parameter.v0</c> with a <c>connectionString</c>, as Aspire does.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddConnectionString(this IDistributedApplicationBuilder builder, string name,
        string? environmentVariableName = null) =>
        builder.AddResource<IResourceWithConnectionString>(new ConnectionStringParameterResource(name, environmentVariableName));
}
