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

    /// <summary>
    /// An asynchronous callback, awaited before the resource starts and before a publisher writes it. Without this
    /// overload an <c>async</c> lambda binds to the <see cref="Action{T}"/> one and runs as <c>async void</c>, unawaited.
    /// </summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Func<EnvironmentCallbackContext, Task> callback) where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new EnvironmentCallbackAnnotation(callback));

    /// <summary>An asynchronous arguments callback, awaited like <see cref="WithEnvironment{T}(IResourceBuilder{T}, Func{EnvironmentCallbackContext, Task})"/>'s.</summary>
    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, Func<CommandLineArgsCallbackContext, Task> callback) where T : IResourceWithArgs =>
        builder.WithAnnotation(new CommandLineArgsCallbackAnnotation(callback));
}
