namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A connection string the AppHost does not run anything for (a managed database, a queue elsewhere): its value is
/// <c>ConnectionStrings:name</c> in configuration, and a deployment is asked for it as a secret parameter.
/// </summary>
internal sealed class ConnectionStringParameterResource(string name, string? environmentVariableName)
    : ParameterResource(name, secret: true, configurationKey: $"ConnectionStrings:{name}"), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{this}");

    public string? ConnectionStringEnvironmentVariable => environmentVariableName;

    private int _requiredReferences;
    private int _optionalReferences;

    /// <summary>Referenced, and only with WithReference(optional: true): the application can start without it.</summary>
    internal bool IsOptional => _optionalReferences > 0 && _requiredReferences == 0;

    internal void AddReference(bool optional)
    {
        if (optional)
        {
            _optionalReferences++;
        }
        else
        {
            _requiredReferences++;
        }
    }

    string IManifestExpressionProvider.ValueExpression => $"{{{Name}.connectionString}}";
}
