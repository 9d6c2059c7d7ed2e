using System.Text.RegularExpressions;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Hosting.Dashboard.Api;

/// <summary>
/// Environment values as the dashboard shows them: every secret parameter's value and the OTLP key are blanked out
/// wherever they appear (a connection string keeps its host and port), and variables named like secrets are blanked whole.
/// </summary>
internal sealed partial class SecretMasker(DistributedApplicationModel model, OtlpSettings otlp)
{
    public const string Mask = "••••••";

    public string MaskValue(string name, string value)
    {
        if (SecretName().IsMatch(name))
        {
            return Mask;
        }

        foreach (var secret in Secrets())
        {
            value = value.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return value;
    }

    private IEnumerable<string> Secrets() =>
        model.Resources.OfType<ParameterResource>().Where(p => p.Secret && p.HasValue && p.Value.Length > 0).Select(p => p.Value).Append(otlp.ApiKey);

    [GeneratedRegex("PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|DSN|CREDENTIAL", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
