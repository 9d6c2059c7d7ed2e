namespace Aspire.Hosting;

public static class ConnectionStringBuilderExtensions
{
    /// <summary>
    /// A connection string built from the model, e.g. <c>$"Endpoint={api.GetEndpoint("http")};Key={key}"</c>: WithReference
    /// gives it as <c>ConnectionStrings__name</c>; it waits for the resources it names to start (WaitForStart), and the
    /// manifest writes it as <c>value.v0</c>, as Aspire does.
    /// </summary>
    public static IResourceBuilder<ConnectionStringResource> AddConnectionString(this IDistributedApplicationBuilder builder, string name, ReferenceExpression connectionStringExpression)
    {
        var connectionString = builder.AddResource(new ConnectionStringResource(name, connectionStringExpression));
        foreach (var resource in connectionString.Resource.ReferencedResources)
        {
            connectionString.WaitForStart(builder.CreateResourceBuilder(resource))
                .WithAnnotation(new ResourceRelationshipAnnotation(resource, ResourceRelationshipTypes.Reference));
        }

        return connectionString;
    }

    /// <summary>The same, with the expression built piece by piece (conditional parts).</summary>
    public static IResourceBuilder<ConnectionStringResource> AddConnectionString(this IDistributedApplicationBuilder builder, string name,
        Action<ReferenceExpressionBuilder> connectionStringBuilder)
    {
        var expression = new ReferenceExpressionBuilder();
        connectionStringBuilder(expression);
        return builder.AddConnectionString(name, expression.Build());
    }
}
