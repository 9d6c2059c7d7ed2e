using System.Runtime.InteropServices;
using HealthChecks.NpgSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Publishing;

namespace Aspire.Hosting;

public static partial class PostgresBuilderExtensions
{
    private const int ImagePort = 5432;

    private const string DataPath = "/var/lib/postgresql/data";

    /// <summary>
    /// PostgreSQL with a generated password and scram-sha-256 authentication. Natively, the cluster is initialised on
    /// first run under the state directory and kept across runs; as root it runs as the <c>postgres</c> user. Without
    /// <paramref name="port"/> it listens on a free port, as in Aspire, so that two servers never collide. The
    /// superuser is <paramref name="userName"/>'s value, or <c>postgres</c>: the image's POSTGRES_USER, initdb's
    /// <c>-U</c> natively. A cluster keeps the superuser it was initialised with: changing the user name needs a new
    /// data folder or volume.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource>? userName = null, IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        var postgres = new PostgresServerResource(name, userName?.Resource, password?.Resource ?? builder.AddGeneratedPassword(name));
        builder.Eventing.Subscribe<ResourceReadyEvent>(postgres, (e, ct) => CreateDatabasesAsync(postgres, e.Services, ct));
        return builder.AddResource(postgres)
            .WithEndpoint(port: port, targetPort: ImagePort, name: PostgresServerResource.PrimaryEndpointName)
            .WithImage("docker.io/library/postgres", "15")
            .WithEnvironment("POSTGRES_USER", postgres.UserNameReference)
            .WithEnvironment("POSTGRES_PASSWORD", postgres.PasswordParameter)
            .WithEnvironment("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256")
            .WithEnvironment("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256 --auth-local=scram-sha-256")
            // The image's entrypoint passes options to postgres; on the host's network it listens where the model says.
            .WithAnnotation(new ContainerArgsAnnotation(() =>
                ["-c", $"listen_addresses={postgres.PrimaryEndpoint.Host}", "-p", postgres.PrimaryEndpoint.Allocated.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                ListensOnAllocatedPorts = true,
            })
            .WithAnnotation(new RequiredPackagesAnnotation("/usr/lib/postgresql/*/bin/postgres", ["postgresql"]))
            .WithAnnotation(new NativeRecipeAnnotation("/usr/lib/postgresql/*/bin/postgres")
            {
                RunAsUserWhenRoot = "postgres",
                // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait for every client to disconnect.
                StopSignal = PosixSignal.SIGINT,
                Prepare = context => InitializeClusterAsync(postgres, context),
                Configure = context =>
                {
                    var endpoint = postgres.PrimaryEndpoint;
                    context.Args.AddRange(["-D", DataDirectory(context), "-p", endpoint.Allocated.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        "-c", $"listen_addresses={endpoint.Host}", "-k", Path.Combine(context.StateDirectory, "run")]);
                    return Task.CompletedTask;
                },
            })
            .WithHealthCheck($"{name}_postgres_select", _ =>
                new NpgSqlHealthCheck(new NpgSqlHealthCheckOptions(postgres.ConnectionStringExpression.ResolveNow() + ";Timeout=3;Command Timeout=3")))
            // Over TCP: while the image runs its init scripts (creating the databases) it listens on its socket only.
            // A user name given as a parameter is the container's POSTGRES_USER.
            .WithAnnotation(new ContainerHealthCommandAnnotation(PostgresServerResource.PrimaryEndpointName, port =>
                $"pg_isready -h 127.0.0.1 -p {port} -U {(postgres.UserNameParameter is null ? PostgresServerResource.DefaultUserName : "\"$POSTGRES_USER\"")}"))
            // The process runtime always keeps PostgreSQL's data; a deployment that lost it at every restart would surprise.
            .WithAnnotation(new ImpliedVolumeAnnotation("data", DataPath))
            .WithAnnotation(new PublishedFilesAnnotation(context => InitScripts(postgres, context.Resources)))
            .WithAnnotation(new KubernetesResourceRequestsAnnotation("250m", "256Mi"))
            // A new volume's root holds lost+found, which initdb refuses: the cluster goes one folder down.
            .WithAnnotation(new KubernetesEnvironmentAnnotation("PGDATA", $"{DataPath}/pgdata"));
    }

    /// <summary>
    /// The image runs these scripts when it initialises an empty data directory, as the runtimes create the databases at start.
    /// </summary>
    private static PublishedFiles InitScripts(PostgresServerResource postgres, IEnumerable<IResource> resources) =>
        resources.OfType<PostgresDatabaseResource>().Where(d => d.Parent == postgres).ToList() is { Count: > 0 } databases
            ? new PublishedFiles([($"{InitPath}/create-databases.sql",
                string.Concat(databases.Select(d => $"CREATE DATABASE \"{d.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\";\n")))])
            : PublishedFiles.None;

    /// <summary>A database on the server, created once the server is healthy (if it does not exist yet).</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases[name] = database.DatabaseName;
        return builder.ApplicationBuilder.AddResource(database)
            .WithAnnotation(new ResourceRelationshipAnnotation(builder.Resource, ResourceRelationshipTypes.Parent));
    }

    /// <summary>
    /// Keeps the data in a volume named as Aspire names it unless <paramref name="name"/> is given (container runtime,
    /// publishing, and natively under the state directory's <c>volumes/</c>); natively the data is kept without one too.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithDataVolume(this IResourceBuilder<PostgresServerResource> builder, string? name = null, bool isReadOnly = false) =>
        builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataPath, isReadOnly);

    /// <summary>Keeps the data in <paramref name="source"/> (relative to the AppHost folder); natively it is the cluster's data directory.</summary>
    public static IResourceBuilder<PostgresServerResource> WithDataBindMount(this IResourceBuilder<PostgresServerResource> builder, string source, bool isReadOnly = false) =>
        builder.WithBindMount(source, DataPath, isReadOnly);

    private static string DataDirectory(NativeLaunchContext context) =>
        context.Resource.DataMount(DataPath) is { } mount ? NativePaths.DataDirectory(context, mount) : Path.Combine(context.StateDirectory, "data");

    private static async Task InitializeClusterAsync(PostgresServerResource postgres, NativeLaunchContext context)
    {
        NativePaths.ClearAnonymousVolumes(context);
        var dataDirectory = DataDirectory(context);
        var ct = context.CancellationToken;
        Directory.CreateDirectory(Path.Combine(context.StateDirectory, "run"));
        Directory.CreateDirectory(dataDirectory);
        if (context.RunAsUser is { } user)
        {
            await CommandRunner.RunCheckedAsync("chown", ["-R", $"{user}:{user}", context.StateDirectory, dataDirectory], ct).ConfigureAwait(false);
            var reachable = await CommandRunner.RunAsync("setpriv", [.. ProcessRuntime.RunAsArguments(user), "test", "-w", dataDirectory], ct).ConfigureAwait(false);
            if (reachable.ExitCode != 0)
            {
                throw new DistributedApplicationException(
                    $"PostgreSQL runs as the '{user}' user, which cannot reach '{dataDirectory}' (a parent folder is not traversable by other users). " +
                    "Set Nuzantara:StateDirectory (environment Nuzantara__StateDirectory) to a folder it can reach, for example /var/tmp/nuzantara.");
            }
        }

        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        var userName = await postgres.UserNameReference.GetValueAsync(ct).ConfigureAwait(false) ?? PostgresServerResource.DefaultUserName;
        var passwordFile = Path.Combine(context.StateDirectory, "initdb.pw");
        await NativePaths.WriteSecretFileAsync(passwordFile, postgres.PasswordParameter.Value, ct, context.RunAsUser).ConfigureAwait(false);
        try
        {
            var initdb = Path.Combine(Path.GetDirectoryName(context.CommandPath)!, "initdb");
            string[] initdbArgs = [initdb, "-D", dataDirectory, "-U", userName, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-instructions"];
            // initdb starts PostgreSQL itself, so it gets what PostgreSQL gets: none of the AppHost's secrets.
            var result = context.RunAsUser is { } runAs
                ? await CommandRunner.RunAsync("setpriv", [.. ProcessRuntime.RunAsArguments(runAs), .. initdbArgs], ct, inheritEnvironment: false).ConfigureAwait(false)
                : await CommandRunner.RunAsync(initdbArgs[0], initdbArgs[1..], ct, inheritEnvironment: false).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                // initdb prints its progress before the failure; the lines that say what went wrong come first in the message.
                var errors = result.Output.Split('\n').Where(l => l.StartsWith("initdb: ", StringComparison.Ordinal) || l.Contains("FATAL", StringComparison.Ordinal)).ToList();
                var reason = errors.Count > 0 ? string.Join(Environment.NewLine, errors) : result.Output.Trim();
                throw new DistributedApplicationException($"initdb for '{postgres.Name}' failed in {dataDirectory}:{Environment.NewLine}{reason}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await InitializeDatabaseAsync(postgres, context, dataDirectory, userName).ConfigureAwait(false);
    }

    private static async Task CreateDatabasesAsync(PostgresServerResource postgres, IServiceProvider services, CancellationToken cancellationToken)
    {
        var connectionString = await postgres.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
        var dataSource = NpgsqlDataSource.Create(connectionString + ";Database=postgres;Pooling=false");
        await using (dataSource.ConfigureAwait(false))
        {
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            var model = services.GetRequiredService<DistributedApplicationModel>();
            foreach (var database in model.Resources.OfType<PostgresDatabaseResource>().Where(d => d.Parent == postgres))
            {
                var exists = dataSource.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
                await using (exists.ConfigureAwait(false))
                {
                    exists.Parameters.AddWithValue(database.DatabaseName);
                    if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                    {
                        var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"") + "\"";
                        var create = dataSource.CreateCommand($"CREATE DATABASE {quoted}");
                        await using (create.ConfigureAwait(false))
                        {
                            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                notifications.PublishUpdate(database, s => s with { State = KnownResourceStates.Running, HealthStatus = HealthStatus.Healthy, StartedAt = DateTimeOffset.UtcNow });
            }
        }
    }
}
