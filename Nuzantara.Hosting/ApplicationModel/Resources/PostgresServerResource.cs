namespace Aspire.Hosting.ApplicationModel;

public sealed class PostgresServerResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>Databases to create once the server is up, by resource name.</summary>
    public Dictionary<string, string> Databases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    public IEnumerable<KeyValuePair<string, ReferenceExpression>> GetConnectionProperties() => ConnectionProperties(databaseName: null);

    internal IEnumerable<KeyValuePair<string, ReferenceExpression>> ConnectionProperties(string? databaseName)
    {
        var host = PrimaryEndpoint.Property(EndpointProperty.Host);
        var port = PrimaryEndpoint.Property(EndpointProperty.Port);
        var path = databaseName is null ? string.Empty : "/" + databaseName;
        yield return new("Host", ReferenceExpression.Create($"{host}"));
        yield return new("Port", ReferenceExpression.Create($"{port}"));
        yield return new("Username", ReferenceExpression.Literal(UserName));
        yield return new("Password", ReferenceExpression.Create($"{PasswordParameter}"));
        yield return new("Uri", ReferenceExpression.Create($"postgresql://{UserName}:{PasswordParameter}@{host}:{port}{path}"));
        yield return new("JdbcConnectionString", ReferenceExpression.Create($"jdbc:postgresql://{host}:{port}{path}"));
        if (databaseName is not null)
        {
            yield return new("DatabaseName", ReferenceExpression.Literal(databaseName));
        }
    }
}
