namespace Aspire.Hosting;

public static partial class ResourceBuilderExtensions
{
    /// <summary>
    /// <c>WithEnvironment("API", $"{endpoint}/api")</c>: an interpolated string becomes a <see cref="ReferenceExpression"/>
    /// (the endpoint's URL when running, <c>{backend.bindings.http.url}/api</c> when publishing), as in Aspire. Without this
    /// overload the compiler picks the string one and the value is the endpoint's type name.
    /// </summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, in ReferenceExpression.ExpressionInterpolatedStringHandler value)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment(name, ReferenceExpression.Create(in value));
}
