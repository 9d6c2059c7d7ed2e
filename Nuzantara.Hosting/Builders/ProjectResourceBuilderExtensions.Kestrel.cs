using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static partial class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// Whether the project's settings files make its endpoints HTTP/2 only (<c>Kestrel:EndpointDefaults:Protocols</c> is
    /// <c>Http2</c>, as a gRPC service's are). Read from the files Aspire reads: appsettings.json, the environment's
    /// appsettings.{env}.json and .NET 10's {folder}.settings(.{env}).json; the environment is the AppHost's own
    /// ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT, as in Aspire.
    /// </summary>
    private static bool EndpointDefaultsAreHttp2(IProjectMetadata metadata)
    {
        var folder = Path.GetDirectoryName(metadata.ProjectPath)!;
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var name = Path.GetFileName(folder);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(folder, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, $"appsettings.{environment}.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, $"{name}.settings.json"), optional: true)
            .AddJsonFile(Path.Combine(folder, $"{name}.settings.{environment}.json"), optional: true)
            .Build();
        return configuration["Kestrel:EndpointDefaults:Protocols"] == "Http2";
    }
}
