namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A value supplied by configuration (<c>Parameters:name</c>, or the key it was declared with) or, for an integration's
/// password without one, generated once and kept in a per-user store outside the repository.
/// </summary>
public class ParameterResource(string name, bool secret, GenerateParameterDefault? generate = null, string? configurationKey = null)
    : Resource(name), IValueProvider, IManifestExpressionProvider
{
    private string? _value;

    public bool Secret { get; } = secret;

    public GenerateParameterDefault? Generate { get; } = generate;

    /// <summary>Where configuration holds the value: <c>Parameters:name</c> unless declared otherwise (GRAFANA_API_KEY).</summary>
    public string ConfigurationKey { get; } = configurationKey ?? $"Parameters:{name}";

    /// <summary>What the value is, told to whoever has to set it (the start error when it is missing).</summary>
    public string? Description { get; set; }

    /// <summary>Whether <see cref="Description"/> is Markdown (links, lists), as the dashboard would render it.</summary>
    public bool EnableDescriptionMarkdown { get; set; }

    /// <summary>
    /// The value given in code (AddParameter(name, value)). As in Aspire it is the value, even when configuration has
    /// <c>Parameters:name</c>: the AppHost's code said what it is.
    /// </summary>
    internal Func<string>? CodeValue { get; init; }

    /// <summary>Whether the manifest offers <see cref="CodeValue"/> as the deployment's default (never for a secret).</summary>
    internal bool PublishValueAsDefault { get; init; }

    public string ValueExpression => $"{{{Name}.value}}";

    public string Value => _value ?? throw new DistributedApplicationException(
        $"Parameter '{Name}' has no value yet: it gets it when the application starts, from '{ConfigurationKey}' in configuration" +
        (Generate is null ? "." : " or generated."));

    public bool HasValue => _value is not null;

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Value);

    internal void SetValue(string value) => _value = value;
}

/// <summary>How a secret is generated, in the manifest's <c>generate</c> vocabulary.</summary>
public sealed record GenerateParameterDefault(int MinLength = 22, bool Lower = true, bool Upper = true, bool Numeric = true, bool Special = false);
