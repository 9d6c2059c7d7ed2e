namespace Aspire.Hosting;

public static partial class RedisBuilderExtensions
{
    /// <summary>
    /// Redis' password becomes <paramref name="password"/>'s value: the server's <c>requirepass</c>, the connection
    /// string and its Password and Uri properties. The generated password it replaces leaves the model. Redis without a
    /// password (<see langword="null"/>, which Aspire accepts) is not supported here: the process runtime's Redis always
    /// requires one.
    /// </summary>
    public static IResourceBuilder<RedisResource> WithPassword(this IResourceBuilder<RedisResource> builder, IResourceBuilder<ParameterResource>? password)
    {
        if (password is null)
        {
            throw new DistributedApplicationException(
                $"Redis '{builder.Resource.Name}' would have no password: WithPassword(null) is not supported. Pass a parameter (builder.AddParameter(\"{builder.Resource.Name}-password\", secret: true)), or leave the generated password.");
        }

        var replaced = builder.Resource.PasswordParameter;
        builder.Resource.PasswordParameter = password.Resource;
        if (replaced != password.Resource && replaced.Generate is not null && replaced.Name == $"{builder.Resource.Name}-password")
        {
            builder.ApplicationBuilder.Resources.Remove(replaced);
        }

        return builder;
    }

    public static IResourceBuilder<RedisResource> WithHostPort(this IResourceBuilder<RedisResource> builder, int? port) =>
        builder.WithEndpoint(RedisResource.PrimaryEndpointName, endpoint => endpoint.Port = port);
}
