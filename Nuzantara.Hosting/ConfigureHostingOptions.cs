using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Nuzantara.Hosting.Secrets;

namespace Nuzantara.Hosting;

/// <summary>
/// Reads <see cref="HostingOptions"/> from configuration (as Aspire's ConfigureDefaultDcpOptions does) and fills in the
/// folders that depend on where the AppHost is. A value that does not parse is left at its default here:
/// <see cref="ValidateHostingOptions"/> reports it at start.
/// </summary>
internal sealed class ConfigureHostingOptions(IConfiguration configuration, string appHostDirectory) : IConfigureOptions<HostingOptions>
{
    public void Configure(HostingOptions options)
    {
        foreach (var setting in HostingSettings.All)
        {
            if (configuration[setting.Key] is { } text)
            {
                setting.TryApply(text, options);
            }
        }

        if (string.IsNullOrEmpty(options.StateDirectory))
        {
            options.StateDirectory = Path.Combine(appHostDirectory, ".nuzantara");
        }

        options.StateDirectory = Path.GetFullPath(options.StateDirectory, appHostDirectory);
        if (string.IsNullOrEmpty(options.SecretsPath))
        {
            options.SecretsPath = ParameterStore.DefaultPath(appHostDirectory);
        }
    }
}
