namespace Aspire.Hosting.ApplicationModel;

// Capability markers, as in Aspire: builder extensions constrain on them so that, for example,
// only resources that run a process can receive environment variables.

public interface IResourceWithEnvironment : IResource;

public interface IResourceWithArgs : IResource;

public interface IResourceWithEndpoints : IResource;

public interface IResourceWithWaitSupport : IResource;

/// <summary>A resource that can be given probes (WithHttpProbe): what runs a process or a container.</summary>
public interface IResourceWithProbes : IResource;

public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

public interface IResourceWithParent<out T> : IResourceWithParent where T : IResource
{
    new T Parent { get; }

    IResource IResourceWithParent.Parent => Parent;
}

/// <summary>A resource other resources connect to with a connection string.</summary>
public interface IResourceWithConnectionString : IResource, IValueProvider, IManifestExpressionProvider
{
    ReferenceExpression ConnectionStringExpression { get; }

    /// <summary>The variable WithReference sets instead of <c>ConnectionStrings__name</c>, when the resource names one.</summary>
    string? ConnectionStringEnvironmentVariable => null;

    /// <summary>Named parts of the connection (Host, Port, Password, Uri…), injected as <c>NAME_PROPERTY</c>.</summary>
    IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => [];

    string IManifestExpressionProvider.ValueExpression => $"{{{Name}.connectionString}}";

    ValueTask<string?> IValueProvider.GetValueAsync(CancellationToken cancellationToken) =>
        ConnectionStringExpression.GetValueAsync(cancellationToken);
}

/// <summary>A resource whose image can receive another resource's built files at publish (PublishWithContainerFiles).</summary>
public interface IContainerFilesDestinationResource : IResource;
