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
    private ReferenceExpression(string format, IReadOnlyList<object> valueProviders)
    {
        Format = format;
        ValueProviders = valueProviders;
    }

    /// <summary>Composite format string whose placeholders index <see cref="ValueProviders"/>.</summary>
    public string Format { get; }

    /// <summary>Each is an <see cref="IValueProvider"/> that is also an <see cref="IManifestExpressionProvider"/>.</summary>
    public IReadOnlyList<object> ValueProviders { get; }

    public string ValueExpression =>
        string.Format(CultureInfo.InvariantCulture, Format, ValueProviders.Select(p => (object)((IManifestExpressionProvider)p).ValueExpression).ToArray());

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        var values = new object?[ValueProviders.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = await ((IValueProvider)ValueProviders[i]).GetValueAsync(cancellationToken).ConfigureAwait(false);
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

    public static ReferenceExpression Literal(string value) => new(value.Replace("{", "{{").Replace("}", "}}"), []);

    [InterpolatedStringHandler]
    public ref struct ExpressionInterpolatedStringHandler
    {
        private readonly StringBuilder _format;
        private readonly List<object> _providers;

        public ExpressionInterpolatedStringHandler(int literalLength, int formattedCount)
        {
            _format = new StringBuilder(literalLength + formattedCount * 4);
            _providers = new List<object>(formattedCount);
        }

        public readonly void AppendLiteral(string value) => _format.Append(value.Replace("{", "{{").Replace("}", "}}"));

        public readonly void AppendFormatted(string? value) => AppendLiteral(value ?? string.Empty);

        public readonly void AppendFormatted(int value) => AppendLiteral(value.ToString(CultureInfo.InvariantCulture));

        public readonly void AppendFormatted<T>(T provider) where T : IValueProvider, IManifestExpressionProvider
        {
            _format.Append('{').Append(_providers.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
            _providers.Add(provider);
        }

        /// <summary><c>$"{password}"</c> with the builder a parameter's <c>AddParameter</c> returned, as Aspire accepts it.</summary>
        public readonly void AppendFormatted<T>(IResourceBuilder<T> builder) where T : IResource, IValueProvider, IManifestExpressionProvider =>
            AppendFormatted(builder.Resource);

        internal readonly ReferenceExpression GetExpression() => new(_format.ToString(), _providers);
    }
}
