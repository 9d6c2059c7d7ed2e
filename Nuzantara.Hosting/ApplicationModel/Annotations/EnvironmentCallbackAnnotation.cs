namespace Aspire.Hosting.ApplicationModel;

/// <summary>Adds environment variables to a resource. Values are strings or value providers, resolved per runtime.</summary>
public sealed class EnvironmentCallbackAnnotation(Func<EnvironmentCallbackContext, Task> callback) : IResourceAnnotation
{
    public EnvironmentCallbackAnnotation(string name, Func<object> value)
        : this(context =>
        {
            context.EnvironmentVariables[name] = value();
            return Task.CompletedTask;
        })
    {
    }

    public EnvironmentCallbackAnnotation(Action<EnvironmentCallbackContext> callback)
        : this(context =>
        {
            callback(context);
            return Task.CompletedTask;
        })
    {
    }

    public EnvironmentCallbackAnnotation(Action<Dictionary<string, object>> callback)
        : this(context =>
        {
            callback(context.EnvironmentVariables);
            return Task.CompletedTask;
        })
    {
    }

    public Func<EnvironmentCallbackContext, Task> Callback { get; } = callback;
}

public sealed class EnvironmentCallbackContext(DistributedApplicationExecutionContext executionContext, IResource resource)
{
    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    public IResource Resource { get; } = resource;

    /// <summary>Values are <see cref="string"/>, <see cref="ReferenceExpression"/> or any <see cref="IValueProvider"/>.</summary>
    public Dictionary<string, object> EnvironmentVariables { get; } = new(StringComparer.Ordinal);
}
