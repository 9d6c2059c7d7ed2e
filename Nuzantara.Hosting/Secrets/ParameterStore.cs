using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Nuzantara.Hosting.Secrets;

/// <summary>
/// Gives every parameter its value: from configuration (its <see cref="ParameterResource.ConfigurationKey"/>) when set,
/// otherwise — for generated secrets — from a per-user JSON file outside the repository (mode 0600), generating it on
/// first use, as Aspire keeps generated parameters in user secrets. Values are stable across runs, so PostgreSQL's data
/// keeps working.
/// </summary>
internal sealed class ParameterStore(HostingOptions options, IConfiguration configuration)
{
    private readonly Lock _gate = new();

    public static string DefaultPath(string appHostDirectory)
    {
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appHostDirectory)))[..12];
        return Path.Combine(configHome, "nuzantara", $"{Path.GetFileName(appHostDirectory.TrimEnd('/')).ToLowerInvariant()}-{id}", "secrets.json");
    }

    public void Resolve(IEnumerable<ParameterResource> parameters)
    {
        foreach (var parameter in parameters)
        {
            var configured = configuration[parameter.ConfigurationKey];
            if (parameter.CodeValue is { } codeValue)
            {
                parameter.SetValue(codeValue());
            }
            else if (!string.IsNullOrEmpty(configured))
            {
                parameter.SetValue(configured);
            }
            else if (parameter.Generate is { } generate)
            {
                parameter.SetValue(GetOrCreate($"Parameters:{parameter.Name}", () => Generate(generate)));
            }
            else if (parameter is not ConnectionStringParameterResource { IsOptional: true })
            {
                var key = parameter.ConfigurationKey;
                var (label, description) = AskedFor(parameter);
                throw new DistributedApplicationException(
                    $"{(parameter is IResourceWithConnectionString ? "Connection string" : "Parameter")} '{parameter.Name}'" +
                    (label is null ? "" : $" (\"{label}\")") + " has no value" + (description is null ? "" : $" ({description})") +
                    $". Set the AppHost's configuration key '{key}': the environment variable " +
                    $"{key.Replace(":", "__", StringComparison.Ordinal)}=<value>, user secrets (dotnet user-secrets set \"{key}\" \"<value>\" " +
                    "in the AppHost's folder) or its appsettings.json.");
            }
        }
    }

    /// <summary>
    /// What the user is asked for, where Aspire's dashboard would ask: the label of the parameter's custom input (when it
    /// is not just the name) and its description, or else the parameter's own description.
    /// </summary>
    // Aspire marks its interaction API experimental for its users; the engine implements it.
#pragma warning disable ASPIREINTERACTION001
    private static (string? Label, string? Description) AskedFor(ParameterResource parameter)
    {
        var (label, description) = parameter.TryGetLastAnnotation<InputGeneratorAnnotation>(out var generator) && generator.InputGenerator(parameter) is { } input
            ? (input.Label, input.Description ?? parameter.Description)
            : (null, parameter.Description);
        return (string.IsNullOrWhiteSpace(label) || string.Equals(label, parameter.Name, StringComparison.Ordinal) ? null : label,
            string.IsNullOrWhiteSpace(description) ? null : description);
    }
#pragma warning restore ASPIREINTERACTION001

    /// <summary>The stored value under <paramref name="key"/>, created by <paramref name="create"/> and saved when absent.</summary>
    public string GetOrCreate(string key, Func<string> create)
    {
        lock (_gate)
        {
            var path = options.SecretsPath;
            var secrets = File.Exists(path) ? Read(path) : [];
            if (secrets[key] is { } stored)
            {
                return stored is JsonValue storedValue && storedValue.TryGetValue(out string? text) && text.Length > 0
                    ? text
                    : throw new DistributedApplicationException($"'{key}' in the secrets file {path} is not a non-empty string. Fix its value, or remove the key to have a new one generated.");
            }

            var value = create();
            secrets[key] = value;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, secrets.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temporary, path, overwrite: true);
            return value;
        }
    }

    /// <summary>
    /// A damaged store is never overwritten: it holds the passwords existing data (PostgreSQL's) was created with.
    /// </summary>
    private static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new JsonException("the top level is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new DistributedApplicationException(
                $"The secrets file {path} is not a valid JSON object ({ex.Message}). Repair it, or move it away to have new values generated; " +
                "PostgreSQL data created with the old password then needs that password back (Parameters:<name>-password) or a new state directory.", ex);
        }
    }

    public static string Generate(GenerateParameterDefault generate)
    {
        var alphabet = new StringBuilder();
        if (generate.Lower)
        {
            alphabet.Append("abcdefghijklmnopqrstuvwxyz");
        }

        if (generate.Upper)
        {
            alphabet.Append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }

        if (generate.Numeric)
        {
            alphabet.Append("0123456789");
        }

        if (generate.Special)
        {
            alphabet.Append("-_.~");
        }

        return RandomNumberGenerator.GetString(alphabet.ToString(), Math.Max(generate.MinLength, 16));
    }
}
