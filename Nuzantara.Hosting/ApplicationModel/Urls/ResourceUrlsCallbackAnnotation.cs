namespace Aspire.Hosting.ApplicationModel;

/// <summary>Adds or changes a resource's URLs once its endpoints are allocated, in the order the callbacks were declared.</summary>
public sealed class ResourceUrlsCallbackAnnotation : IResourceAnnotation
{
    public ResourceUrlsCallbackAnnotation(Action<ResourceUrlsCallbackContext> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Callback = context =>
        {
            callback(context);
            return Task.CompletedTask;
        };
    }

    public ResourceUrlsCallbackAnnotation(Func<ResourceUrlsCallbackContext, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Callback = callback;
    }

    public Func<ResourceUrlsCallbackContext, Task> Callback { get; }
}
