using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Nuzantara.Hosting;

/// <summary>
/// The AppHost's identity in configuration, as Aspire sets it: <c>AppHost:Path</c> and <c>AppHost:Sha256</c>, which
/// names volumes (<see cref="Aspire.Hosting.VolumeNameGenerator"/>). Publishing hashes the project file's name
/// (<c>{name}.csproj</c>, as Aspire 13.6 does), so that a manifest does not depend on the folder it was published
/// from; running hashes its path, so that two checkouts of one AppHost do not share volumes. A configured
/// <c>AppHostSha</c> wins, as in Aspire.
/// </summary>
internal static class AppHostIdentity
{
    public static void AddTo(ConfigurationManager configuration, string appHostDirectory, string applicationName, bool isPublishMode)
    {
        var appHostPath = Path.Join(appHostDirectory, applicationName);
        var sha = configuration["AppHostSha"] is { Length: > 0 } configured
            ? configured
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(isPublishMode ? applicationName + ".csproj" : appHostPath.ToLowerInvariant())));
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppHost:Directory"] = appHostDirectory,
            ["AppHost:Path"] = appHostPath,
            ["AppHost:Sha256"] = sha,
        });
    }
}
