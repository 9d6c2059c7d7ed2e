namespace Aspire.Hosting.ApplicationModel;

/// <summary>Something whose value is known only at run time (an allocated port, a generated password).</summary>
public interface IValueProvider
{
    ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default);
}

/// <summary>Something that renders as a symbolic manifest expression such as <c>{redis.bindings.tcp.port}</c>.</summary>
public interface IManifestExpressionProvider
{
    string ValueExpression { get; }
}
