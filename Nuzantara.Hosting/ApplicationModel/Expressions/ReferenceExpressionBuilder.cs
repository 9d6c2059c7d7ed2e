using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Builds a <see cref="ReferenceExpression"/> piece by piece, for expressions with optional parts.</summary>
public sealed class ReferenceExpressionBuilder
{
    private readonly StringBuilder _format = new();
    private readonly List<object> _valueProviders = [];
    private readonly List<string?> _stringFormats = [];

    public bool IsEmpty => _format.Length == 0;

    public void Append([InterpolatedStringHandlerArgument("")] in ReferenceExpressionBuilderInterpolatedStringHandler handler)
    {
        // The handler appended each part to this builder as it went.
    }

    public void AppendLiteral(string value) => _format.Append(value.Replace("{", "{{").Replace("}", "}}"));

    public void AppendFormatted(string? value) => AppendLiteral(value ?? string.Empty);

    public void AppendFormatted(string? value, string? format) =>
        AppendLiteral(format is null || value is null ? value ?? string.Empty : ReferenceExpression.FormatValue(value, format));

    public void AppendFormatted<T>(T valueProvider) where T : IValueProvider, IManifestExpressionProvider => AppendFormatted(valueProvider, format: null);

    public void AppendFormatted<T>(T valueProvider, string? format) where T : IValueProvider, IManifestExpressionProvider
    {
        if (format is not null)
        {
            _ = ReferenceExpression.FormatValue(string.Empty, format);
        }

        _format.Append('{').Append(_valueProviders.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
        _valueProviders.Add(valueProvider);
        _stringFormats.Add(format);
    }

    public ReferenceExpression Build() => ReferenceExpression.Create(_format.ToString(), [.. _valueProviders], [.. _stringFormats]);

    [InterpolatedStringHandler]
    public ref struct ReferenceExpressionBuilderInterpolatedStringHandler
    {
        private readonly ReferenceExpressionBuilder _builder;

        /// <summary>The sizes the compiler passes are not needed: every part goes straight to <paramref name="builder"/>.</summary>
        public ReferenceExpressionBuilderInterpolatedStringHandler(int literalLength, int formattedCount, ReferenceExpressionBuilder builder)
        {
            _builder = builder;
        }

        public readonly void AppendLiteral(string value) => _builder.AppendLiteral(value);

        public readonly void AppendFormatted(string? value) => _builder.AppendFormatted(value);

        public readonly void AppendFormatted(string? value, string format) => _builder.AppendFormatted(value, format);

        public readonly void AppendFormatted<T>(T valueProvider) where T : IValueProvider, IManifestExpressionProvider => _builder.AppendFormatted(valueProvider);

        public readonly void AppendFormatted<T>(T valueProvider, string? format) where T : IValueProvider, IManifestExpressionProvider =>
            _builder.AppendFormatted(valueProvider, format);

        public readonly void AppendFormatted<T>(IResourceBuilder<T> valueProvider) where T : IResource, IValueProvider, IManifestExpressionProvider =>
            _builder.AppendFormatted(valueProvider.Resource);

        public readonly void AppendFormatted<T>(IResourceBuilder<T> valueProvider, string? format) where T : IResource, IValueProvider, IManifestExpressionProvider =>
            _builder.AppendFormatted(valueProvider.Resource, format);
    }
}
