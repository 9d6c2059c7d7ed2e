using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Options;

namespace Nuzantara.Hosting;

/// <summary>
/// Fails the start on a setting of <see cref="HostingOptions"/> that does not parse, naming where it was set, the key,
/// the value and what to write instead (as Aspire's ValidateDcpOptions does for its own settings).
/// </summary>
internal sealed class ValidateHostingOptions(IConfiguration configuration) : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        var failures = HostingSettings.All
            .Where(setting => configuration[setting.Key] is { } text && !setting.TryApply(text, new HostingOptions()))
            .Select(setting => $"{setting.Key} is '{configuration[setting.Key]}'{Origin(setting.Key)}: {setting.Fix}.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Where the value that won came from: the last provider that has the key.</summary>
    private string Origin(string key) =>
        (configuration as IConfigurationRoot)?.Providers.LastOrDefault(p => p.TryGet(key, out _)) switch
        {
            FileConfigurationProvider file => $" (in {file.Source.Path})",
            EnvironmentVariablesConfigurationProvider => $" (in the environment, {key.Replace(":", "__", StringComparison.Ordinal)})",
            CommandLineConfigurationProvider => " (on the command line)",
            _ => string.Empty,
        };
}
