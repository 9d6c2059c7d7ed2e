using System.Globalization;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static partial class PostgresBuilderExtensions
{
    private const string PgWebBookmarks = "/.pgweb/bookmarks";

    /// <summary>
    /// pgAdmin (docker.io/dpage/pgadmin4:9.12.0, one for the whole application, named <paramref name="containerName"/> or
    /// <c>pgadmin</c>), with every PostgreSQL server of the model registered in its servers.json and no login, as in
    /// Aspire. It runs only in a container engine that has the image; later calls configure the same container.
    /// </summary>
    public static IResourceBuilder<T> WithPgAdmin<T>(this IResourceBuilder<T> builder, Action<IResourceBuilder<PgAdminContainerResource>>? configureContainer = null, string? containerName = null)
        where T : PostgresServerResource
    {
        var application = builder.ApplicationBuilder;
        if (application.Resources.OfType<PgAdminContainerResource>().SingleOrDefault() is { } existing)
        {
            configureContainer?.Invoke(application.CreateResourceBuilder(existing));
            return builder;
        }

        var pgAdmin = application.AddResource(new PgAdminContainerResource(containerName ?? "pgadmin"))
            .WithImage("docker.io/dpage/pgadmin4", "9.12.0")
            .WithHttpEndpoint(targetPort: 80, name: "http")
            .WithEnvironment(context =>
            {
                // Desktop mode: no login and no master password, as Aspire runs it.
                context.EnvironmentVariables["PGADMIN_CONFIG_MASTER_PASSWORD_REQUIRED"] = "False";
                context.EnvironmentVariables["PGADMIN_CONFIG_SERVER_MODE"] = "False";
                context.EnvironmentVariables["PGADMIN_DEFAULT_EMAIL"] = "admin@domain.com";
                context.EnvironmentVariables["PGADMIN_DEFAULT_PASSWORD"] = "admin";
                var endpoint = new EndpointReference((IResourceWithEndpoints)context.Resource, "http");
                context.EnvironmentVariables["PGADMIN_LISTEN_ADDRESS"] = endpoint.Property(EndpointProperty.Host);
                context.EnvironmentVariables["PGADMIN_LISTEN_PORT"] = endpoint.Property(EndpointProperty.TargetPort);
            })
            .ListensOnAllocatedPort(_ => [])
            // The servers' passwords are in it: only the container's user may read it.
            .WithAnnotation(new ContainerFileAnnotation("/pgadmin4/servers.json", context => PgAdminServersJsonAsync(context.Services, context.CancellationToken)) { IsSecret = true })
            .WithHttpHealthCheck("/browser")
            .ExcludeFromManifest();
        configureContainer?.Invoke(pgAdmin);
        pgAdmin.RunsOnlyInContainer().WithAnnotation(new ResourceRelationshipAnnotation(builder.Resource, "PgAdmin"));
        return builder;
    }

    /// <summary>
    /// pgweb (docker.io/sosedoff/pgweb:0.17.0, named <paramref name="containerName"/> or <c>pgweb</c>) with a bookmark for
    /// every database of the model, as in Aspire. It runs only in a container engine that has the image.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithPgWeb(this IResourceBuilder<PostgresServerResource> builder, Action<IResourceBuilder<PgWebContainerResource>>? configureContainer = null, string? containerName = null)
    {
        var application = builder.ApplicationBuilder;
        if (application.Resources.OfType<PgWebContainerResource>().SingleOrDefault() is { } existing)
        {
            configureContainer?.Invoke(application.CreateResourceBuilder(existing));
            return builder;
        }

        var pgWeb = application.AddResource(new PgWebContainerResource(containerName ?? "pgweb"))
            .WithImage("docker.io/sosedoff/pgweb", "0.17.0")
            .WithHttpEndpoint(targetPort: 8081, name: "http")
            .WithArgs($"--bookmarks-dir={PgWebBookmarks}")
            .WithArgs("--sessions")
            .ListensOnAllocatedPort(endpoint => [$"--bind={endpoint.Host}", $"--listen={endpoint.Allocated.TargetPort.ToString(CultureInfo.InvariantCulture)}"])
            .ExcludeFromManifest();
        configureContainer?.Invoke(pgWeb);
        pgWeb.RunsOnlyInContainer()
            .WithAnnotation(new ResourceRelationshipAnnotation(builder.Resource, "PgWeb"))
            .WithHttpHealthCheck();
        // Databases added after this call get their bookmark too: the files are decided when the model is complete.
        application.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var database in e.Model.Resources.OfType<PostgresDatabaseResource>())
            {
                pgWeb.WithAnnotation(new ContainerFileAnnotation($"{PgWebBookmarks}/{database.Name}.toml", context => PgWebBookmarkAsync(database, context.CancellationToken)) { IsSecret = true });
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    public static IResourceBuilder<PostgresServerResource> WithHostPort(this IResourceBuilder<PostgresServerResource> builder, int? port) =>
        builder.WithEndpoint(PostgresServerResource.PrimaryEndpointName, endpoint => endpoint.Port = port);

    public static IResourceBuilder<PgAdminContainerResource> WithHostPort(this IResourceBuilder<PgAdminContainerResource> builder, int? port) =>
        builder.WithEndpoint("http", endpoint => endpoint.Port = port);

    public static IResourceBuilder<PgWebContainerResource> WithHostPort(this IResourceBuilder<PgWebContainerResource> builder, int? port) =>
        builder.WithEndpoint("http", endpoint => endpoint.Port = port);

    /// <summary>
    /// pgAdmin's servers.json: each server where it listens (containers share the host's network here, so its address
    /// and port, not its name and image port as on Aspire's container network), its user, and its password given by
    /// PasswordExecCommand as Aspire does.
    /// </summary>
    internal static async Task<string> PgAdminServersJsonAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Servers");
            var index = 1;
            foreach (var postgres in services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<PostgresServerResource>())
            {
                writer.WriteStartObject(index++.ToString(CultureInfo.InvariantCulture));
                writer.WriteString("Name", postgres.Name);
                writer.WriteString("Group", "Servers");
                writer.WriteString("Host", postgres.PrimaryEndpoint.Host);
                writer.WriteNumber("Port", postgres.PrimaryEndpoint.Port);
                writer.WriteString("Username", await postgres.UserNameReference.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? PostgresServerResource.DefaultUserName);
                writer.WriteString("SSLMode", "prefer");
                writer.WriteString("MaintenanceDB", "postgres");
                writer.WriteString("PasswordExecCommand", $"echo '{postgres.PasswordParameter.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A pgweb bookmark (TOML) for one database, where its server listens.</summary>
    internal static async Task<string> PgWebBookmarkAsync(PostgresDatabaseResource database, CancellationToken cancellationToken)
    {
        var server = database.Parent;
        var user = await server.UserNameReference.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? PostgresServerResource.DefaultUserName;
        return $"""
            host = {TomlString(server.PrimaryEndpoint.Host)}
            port = {server.PrimaryEndpoint.Port.ToString(CultureInfo.InvariantCulture)}
            user = {TomlString(user)}
            password = {TomlString(server.PasswordParameter.Value)}
            database = {TomlString(database.DatabaseName)}
            sslmode = "disable"

            """;
    }

    private static string TomlString(string value) =>
        $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
