using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A string made of literal text and value providers. The same instance resolves to a value when running
/// (<see cref="GetValueAsync"/>) and to a manifest expression when publishing (<see cref="ValueExpression"/>),
/// so the two worlds can never disagree.
/// </summary>
public sealed class ReferenceExpression : IValueProvider, IManifestExpressionProvider
{
    private ReferenceExpression(string format, IReadOnlyList<object> valueProviders, IReadOnlyList<string?> stringFormats)
    {
        Format = format;
        ValueProviders = valueProviders;
        StringFormats = stringFormats;
    }

    /// <summary>Composite format string whose placeholders index <see cref="ValueProviders"/>.</summary>
    public string Format { get; }

    /// <summary>Each is an <see cref="IValueProvider"/> that is also an <see cref="IManifestExpressionProvider"/>.</summary>
    public IReadOnlyList<object> ValueProviders { get; }

    /// <summary>
    /// Per value provider, how its value is written: <c>uri</c> (<c>$"{password:uri}"</c>) escapes it as a URI component,
    /// as a password in <c>postgresql://user:password@host</c> must be. In the manifest, as Aspire writes it, a formatted
    /// value is an entry of its own named after it (<c>{pg-password-uri-encoded.value}</c>), which the manifest declares.
    /// </summary>
    public IReadOnlyList<string?> StringFormats { get; }

    public string ValueExpression =>
        string.Format(CultureInfo.InvariantCulture, Format,
            ValueProviders.Select((p, i) => (object)FormattedValueExpression(((IManifestExpressionProvider)p).ValueExpression, StringFormats[i])).ToArray());

    /// <summary>The manifest entry name a value gets once formatted: <c>{name.value}</c> with <c>uri</c> is <c>name-uri-encoded</c>.</summary>
    internal static string FormattedValueName(string name, string format) => $"{name}-{format.ToLowerInvariant()}-encoded";

    private static string FormattedValueExpression(string expression, string? format) =>
        format is not null && expression.StartsWith('{') && expression.EndsWith(".value}", StringComparison.Ordinal) && expression.IndexOf('{', 1) < 0
            ? $"{{{FormattedValueName(expression[1..^".value}".Length], format)}.value}}"
            : expression;

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var values = new object?[ValueProviders.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = await ((IValueProvider)ValueProviders[i]).GetValueAsync(cancellationToken).ConfigureAwait(false);
            values[i] = StringFormats[i] is { } stringFormat && value is not null ? FormatValue(value, stringFormat) : value;
        }

        return string.Format(CultureInfo.InvariantCulture, Format, values);
    }

    public override string ToString() => ValueExpression;

    /// <summary>
    /// The value, for callers that cannot await (health check factories). Every provider in the model answers
    /// synchronously once the application has started, so this never blocks.
    /// </summary>
    internal string ResolveNow() => GetValueAsync().AsTask().GetAwaiter().GetResult() ?? string.Empty;

    public static ReferenceExpression Create(in ExpressionInterpolatedStringHandler handler) => handler.GetExpression();

    internal static ReferenceExpression Create(string format, IReadOnlyList<object> valueProviders, IReadOnlyList<string?> stringFormats) =>
        new(format, valueProviders, stringFormats);

    /// <summary>Applies a value provider's format; throws, naming the one supported, for any other.</summary>
    internal static string FormatValue(string value, string format) => format.ToLowerInvariant() switch
    {
        "uri" => Uri.EscapeDataString(value),
        _ => throw new NotSupportedException($"The format '{format}' is not supported in a reference expression; the supported format is 'uri' (escapes a URI component)."),
    };

    internal static ReferenceExpression Literal(string value) => new(value.Replace("{", "{{").Replace("}", "}}"), [], []);

    [InterpolatedStringHandler]
    public ref struct ExpressionInterpolatedStringHandler
    {
        private readonly StringBuilder _format;
        private readonly List<object> _providers;
        private readonly List<string?> _stringFormats;

        public ExpressionInterpolatedStringHandler(int literalLength, int formattedCount)
        {
            _format = new StringBuilder(literalLength + formattedCount * 4);
            _providers = new List<object>(formattedCount);
            _stringFormats = new List<string?>(formattedCount);
        }

        public readonly void AppendLiteral(string value) => _format.Append(value.Replace("{", "{{").Replace("}", "}}"));

        public readonly void AppendFormatted(string? value) => AppendLiteral(value ?? string.Empty);

        /// <summary>A literal written with <paramref name="format"/> (<c>uri</c>) applied now.</summary>
        public readonly void AppendFormatted(string? value, string? format) =>
            AppendLiteral(format is null || value is null ? value ?? string.Empty : FormatValue(value, format));

        public readonly void AppendFormatted(int value) => AppendLiteral(value.ToString(CultureInfo.InvariantCulture));

        public readonly void AppendFormatted<T>(T valueProvider) where T : IValueProvider, IManifestExpressionProvider => AppendFormatted(valueProvider, format: null);

        /// <summary><c>$"{password:uri}"</c>: the value is escaped as a URI component when resolved.</summary>
        public readonly void AppendFormatted<T>(T valueProvider, string? format) where T : IValueProvider, IManifestExpressionProvider
        {
            if (format is not null)
            {
                // Fails at model building, not at start, for a format the expression cannot apply.
                _ = FormatValue(string.Empty, format);
            }

            _format.Append('{').Append(_providers.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
            _providers.Add(valueProvider);
            _stringFormats.Add(format);
        }

        /// <summary><c>$"{password}"</c> with the builder a parameter's <c>AddParameter</c> returned, as Aspire accepts it.</summary>
        public readonly void AppendFormatted<T>(IResourceBuilder<T> valueProvider) where T : IResource, IValueProvider, IManifestExpressionProvider =>
            AppendFormatted(valueProvider.Resource);

        internal readonly ReferenceExpression GetExpression() => new(_format.ToString(), _providers, _stringFormats);
    }
}
