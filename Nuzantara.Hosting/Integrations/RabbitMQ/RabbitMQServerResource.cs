namespace Aspire.Hosting.ApplicationModel;

public class RabbitMQServerResource(string name, ParameterResource? userName, ParameterResource password)
    : ContainerResource(name), IResourceWithConnectionString, IResourceWithEnvironment
{
    internal const string PrimaryEndpointName = "tcp";

    internal const string ManagementEndpointName = "management";

    /// <summary>The user when AddRabbitMQ is given no user name parameter, as in the image.</summary>
    internal const string DefaultUserName = "guest";

    public ParameterResource? UserNameParameter { get; } = userName;

    public ParameterResource PasswordParameter { get; } = password ?? throw new ArgumentNullException(nameof(password));

    public ReferenceExpression UserNameReference =>
        UserNameParameter is { } parameter ? ReferenceExpression.Create($"{parameter}") : ReferenceExpression.Literal(DefaultUserName);

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>The management UI and HTTP API, once <c>WithManagementPlugin</c> added it.</summary>
    public EndpointReference ManagementEndpoint => new(this, ManagementEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public ReferenceExpression ConnectionStringExpression => UriExpression;

    /// <summary><c>amqp://user:password@host:port</c>, the user and password escaped as URI components, as Aspire's.</summary>
    public ReferenceExpression UriExpression => UserNameParameter is { } user
        ? ReferenceExpression.Create($"amqp://{user:uri}:{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}")
        : ReferenceExpression.Create($"amqp://guest:{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Username", UserNameReference),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", UriExpression),
    ];
}
