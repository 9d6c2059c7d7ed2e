using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static partial class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// The project's own settings, where its Kestrel configuration is: read from the files Aspire reads, appsettings.json,
    /// the environment's appsettings.{env}.json and .NET 10's {folder}.settings(.{env}).json; the environment is the
    /// AppHost's own ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT, as in Aspire.
    /// </summary>
    private static IConfiguration ReadProjectSettings(IProjectMetadata metadata)
    {
        var folder = Path.GetDirectoryName(metadata.ProjectPath)!;
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var name = Path.GetFileName(folder);
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(folder, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, $"appsettings.{environment}.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, $"{name}.settings.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, $"{name}.settings.{environment}.json"), optional: true)
            .Build();
    }

    /// <summary>Whether the settings make the project's endpoints HTTP/2 only (<c>Kestrel:EndpointDefaults:Protocols</c> is <c>Http2</c>, as a gRPC service's are).</summary>
    private static bool EndpointDefaultsAreHttp2(IConfiguration settings) => settings["Kestrel:EndpointDefaults:Protocols"] == "Http2";
}
