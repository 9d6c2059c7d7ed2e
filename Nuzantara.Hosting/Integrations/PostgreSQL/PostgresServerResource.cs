namespace Aspire.Hosting.ApplicationModel;

public class PostgresServerResource(string name, ParameterResource? userName, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    /// <summary>The superuser when AddPostgres is given no user name parameter, as in the image.</summary>
    public const string DefaultUserName = "postgres";

    /// <summary>The superuser's name, when AddPostgres was given one; otherwise <see cref="DefaultUserName"/>.</summary>
    public ParameterResource? UserNameParameter { get; } = userName;

    public ParameterResource PasswordParameter { get; } = password;

    public ReferenceExpression UserNameReference =>
        UserNameParameter is { } parameter ? ReferenceExpression.Create($"{parameter}") : ReferenceExpression.Literal(DefaultUserName);

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>Databases to create once the server is up, by resource name.</summary>
    public Dictionary<string, string> Databases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserNameReference};Password={PasswordParameter}");

    /// <summary><c>postgresql://user:password@host:port</c>, the user and password escaped as URI components, as Aspire's.</summary>
    public ReferenceExpression UriExpression => Uri(databaseName: null);

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() => ConnectionProperties(databaseName: null);

    internal IEnumerable<KeyValuePair<string, ReferenceExpression>> ConnectionProperties(string? databaseName)
    {
        var host = PrimaryEndpoint.Property(EndpointProperty.Host);
        var port = PrimaryEndpoint.Property(EndpointProperty.Port);
        var path = databaseName is null ? string.Empty : "/" + System.Uri.EscapeDataString(databaseName);
        yield return new("Host", ReferenceExpression.Create($"{host}"));
        yield return new("Port", ReferenceExpression.Create($"{port}"));
        yield return new("Username", UserNameReference);
        yield return new("Password", ReferenceExpression.Create($"{PasswordParameter}"));
        yield return new("Uri", Uri(databaseName));
        yield return new("JdbcConnectionString", ReferenceExpression.Create($"jdbc:postgresql://{host}:{port}{path}"));
        if (databaseName is not null)
        {
            yield return new("DatabaseName", ReferenceExpression.Literal(databaseName));
        }
    }

    /// <summary>The URI with a user and password typed by someone (<c>p@ss:word</c>) still parses.</summary>
    internal ReferenceExpression Uri(string? databaseName)
    {
        var host = PrimaryEndpoint.Property(EndpointProperty.Host);
        var port = PrimaryEndpoint.Property(EndpointProperty.Port);
        var path = databaseName is null ? string.Empty : "/" + System.Uri.EscapeDataString(databaseName);
        return UserNameParameter is { } user
            ? ReferenceExpression.Create($"postgresql://{user:uri}:{PasswordParameter:uri}@{host}:{port}{path}")
            : ReferenceExpression.Create($"postgresql://{DefaultUserName:uri}:{PasswordParameter:uri}@{host}:{port}{path}");
    }
}
