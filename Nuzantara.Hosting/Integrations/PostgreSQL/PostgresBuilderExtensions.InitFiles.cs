using System.Globalization;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;

namespace Aspire.Hosting;

public static partial class PostgresBuilderExtensions
{
    private const string InitPath = "/docker-entrypoint-initdb.d";

    /// <summary>
    /// Runs <paramref name="source"/> (an <c>.sql</c> file, or a folder's, relative to the AppHost folder) once, when
    /// the cluster is initialised, as the image runs <c>/docker-entrypoint-initdb.d</c>: in name order, against the
    /// superuser's database, stopping at the first error. Containers get the files in that folder; natively they are
    /// run with psql on a server that listens on its socket only, before PostgreSQL starts for the application. The
    /// files are listed when this is called and read at every start.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithInitFiles(this IResourceBuilder<PostgresServerResource> builder, string source)
    {
        var fullPath = Path.GetFullPath(source, builder.ApplicationBuilder.AppHostDirectory);
        IEnumerable<string> files = File.Exists(fullPath) ? [fullPath]
            : Directory.Exists(fullPath) ? Directory.EnumerateFiles(fullPath).Order(StringComparer.Ordinal)
            : throw new DistributedApplicationException(
                $"PostgreSQL '{builder.Resource.Name}' has init files at {fullPath}, which does not exist: create it or fix the path given to WithInitFiles.");
        foreach (var file in files)
        {
            builder.WithAnnotation(new ContainerFileAnnotation($"{InitPath}/{Path.GetFileName(file)}", context => File.ReadAllTextAsync(file, context.CancellationToken)));
        }

        return builder;
    }

    /// <summary>
    /// What the image's entrypoint does after initdb, natively: a superuser other than <c>postgres</c> gets a database
    /// of its name (clients connect to it by default), and the init files run against that database.
    /// </summary>
    private static async Task InitializeDatabaseAsync(PostgresServerResource postgres, NativeLaunchContext context, string dataDirectory, string userName)
    {
        var initFiles = postgres.OfAnnotation<ContainerFileAnnotation>().Where(f => f.Target.StartsWith(InitPath + "/", StringComparison.Ordinal))
            .OrderBy(f => f.Target, StringComparer.Ordinal).ToList();
        var createsDatabase = userName != PostgresServerResource.DefaultUserName;
        if (initFiles.Count == 0 && !createsDatabase)
        {
            return;
        }

        var ct = context.CancellationToken;
        var bin = Path.GetDirectoryName(context.CommandPath)!;
        var socketDirectory = Path.Combine(context.StateDirectory, "run");
        var port = postgres.PrimaryEndpoint.Allocated.TargetPort.ToString(CultureInfo.InvariantCulture);
        var scripts = Path.Combine(context.StateDirectory, "initdb.d");
        var psqlEnvironment = new Dictionary<string, string> { ["PGPASSWORD"] = postgres.PasswordParameter.Value };
        string[] psql = [Path.Combine(bin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", port, "-U", userName];

        try
        {
            // Listening on no TCP address, as the image's temporary server, so that nothing connects before the files have run.
            await RunAsPostgresAsync([Path.Combine(bin, "pg_ctl"), "-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(context.StateDirectory, "initdb.log"),
                "-o", $"-c listen_addresses='' -p {port} -k {socketDirectory}", "start"], "start a server for the init files").ConfigureAwait(false);
            if (createsDatabase)
            {
                var quoted = "\"" + userName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                await RunCheckedAsync([.. psql, "-d", "postgres", "-c", $"CREATE DATABASE {quoted}"], $"create the database {quoted}").ConfigureAwait(false);
            }

            Directory.CreateDirectory(scripts);
            foreach (var file in initFiles)
            {
                var name = Path.GetFileName(file.Target);
                if (!name.EndsWith(".sql", StringComparison.Ordinal))
                {
                    throw new DistributedApplicationException(
                        $"PostgreSQL '{postgres.Name}' has the init file {name}, which the process runtime cannot run: natively only .sql files run. Convert it to .sql or run with --runtime container.");
                }

                var path = Path.Combine(scripts, name);
                await File.WriteAllTextAsync(path, await file.Content(new ContainerFileContext(postgres, context.Services, ct)).ConfigureAwait(false), ct).ConfigureAwait(false);
                await RunCheckedAsync([.. psql, "-d", userName, "-f", path], $"run the init file {name}").ConfigureAwait(false);
            }
        }
        catch
        {
            // The failure to report is the one that got here; pg_ctl's own, if any, is in initdb.log.
            await StopServerAsync().ConfigureAwait(false);
            // As a half-initialised cluster would be started as it is next time, the next start initialises it again.
            foreach (var entry in new DirectoryInfo(dataDirectory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }

            throw;
        }
        finally
        {
            if (Directory.Exists(scripts))
            {
                Directory.Delete(scripts, recursive: true);
            }
        }

        if (await StopServerAsync().ConfigureAwait(false) is { ExitCode: not 0 } stop)
        {
            throw new DistributedApplicationException($"PostgreSQL '{postgres.Name}' could not stop the init files' server:{Environment.NewLine}{stop.Output.Trim()}");
        }

        Task<CommandRunner.Result> StopServerAsync() => context.RunAsUser is { } runAs
            ? CommandRunner.RunAsync("setpriv", [.. ProcessRuntime.RunAsArguments(runAs), Path.Combine(bin, "pg_ctl"), "-D", dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None, inheritEnvironment: false)
            : CommandRunner.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None, inheritEnvironment: false);

        async Task RunCheckedAsync(string[] command, string purpose)
        {
            // psql runs as the AppHost's user, which can read the scripts; it gets none of the AppHost's secrets.
            var result = await CommandRunner.RunAsync(command[0], command[1..], ct, psqlEnvironment, inheritEnvironment: false).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new DistributedApplicationException($"PostgreSQL '{postgres.Name}' could not {purpose}:{Environment.NewLine}{result.Output.Trim()}");
            }
        }

        async Task RunAsPostgresAsync(string[] command, string purpose)
        {
            var result = context.RunAsUser is { } runAs
                ? await CommandRunner.RunAsync("setpriv", [.. ProcessRuntime.RunAsArguments(runAs), .. command], CancellationToken.None, inheritEnvironment: false).ConfigureAwait(false)
                : await CommandRunner.RunAsync(command[0], command[1..], CancellationToken.None, inheritEnvironment: false).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new DistributedApplicationException($"PostgreSQL '{postgres.Name}' could not {purpose}:{Environment.NewLine}{result.Output.Trim()}");
            }
        }
    }
}
