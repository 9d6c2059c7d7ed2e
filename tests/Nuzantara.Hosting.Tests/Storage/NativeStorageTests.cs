using Aspire.Hosting.Testing;
using Npgsql;
using Nuzantara.Hosting.Tests.Orchestration;
using StackExchange.Redis;

namespace Nuzantara.Hosting.Tests.Storage;

/// <summary>Persistence, data folders, init files and the superuser, on real Redis and PostgreSQL run natively by the process runtime.</summary>
[Collection(nameof(ProcessRuntimeTests))]
public sealed class NativeStorageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithPersistence_is_Redis_save_setting_and_a_data_bind_mount_is_where_it_saves()
    {
        var data = Directory.CreateTempSubdirectory("nuzantara-redis-data-").FullName;
        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.AddRedis("cache").WithDataBindMount(data).WithPersistence(TimeSpan.FromSeconds(10), keysChangedThreshold: 5);
            builder.AddRedis("scratch");
            await using var app = await builder.BuildAsync(Token);
            await app.StartAsync(Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", Token).WaitAsync(Timeout, Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("scratch", Token).WaitAsync(Timeout, Token);

            await using var cache = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("cache", Token))! + ",allowAdmin=true");
            await using var scratch = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("scratch", Token))! + ",allowAdmin=true");

            Assert.Equal("10 5", await SaveSettingAsync(cache));
            Assert.Equal(string.Empty, await SaveSettingAsync(scratch));
            await cache.GetDatabase().StringSetAsync("kept", "yes");
            await Server(cache).ExecuteAsync("SAVE");
            Assert.True(File.Exists(Path.Combine(data, "dump.rdb")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_user_name_parameter_is_the_superuser_and_init_files_run_once_into_its_database_in_the_bind_mounted_data_folder()
    {
        var init = Directory.CreateTempSubdirectory("nuzantara-pg-init-").FullName;
        var data = Directory.CreateTempSubdirectory("nuzantara-pg-data-").FullName;
        try
        {
            // Run in name order: the second file needs the first one's table.
            File.WriteAllText(Path.Combine(init, "01-schema.sql"), "CREATE TABLE notes (body text);\nINSERT INTO notes VALUES ('first');\n");
            File.WriteAllText(Path.Combine(init, "02-more.sql"), "INSERT INTO notes VALUES ('second');\n");
            await using var builder = DistributedApplicationTestingBuilder.Create();
            var postgres = builder.AddPostgres("pg", userName: builder.AddParameter("pg-user", "orders_admin"))
                .WithInitFiles(init)
                .WithDataBindMount(data);
            postgres.AddDatabase("orders");
            await using (var app = await builder.BuildAsync(Token))
            {
                await app.StartAsync(Token);
                await app.ResourceNotifications.WaitForResourceHealthyAsync("orders", Token).WaitAsync(Timeout, Token);

                // Without a database in the connection string the client connects to the user's, which the image creates too.
                await using var server = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("pg", Token))!);
                Assert.Equal("orders_admin", await server.CreateCommand("SELECT current_user").ExecuteScalarAsync(Token));
                Assert.Equal("first,second", await server.CreateCommand("SELECT string_agg(body, ',' ORDER BY body) FROM notes").ExecuteScalarAsync(Token));
                await server.CreateCommand("DELETE FROM notes WHERE body = 'second'").ExecuteNonQueryAsync(Token);
                await using var orders = NpgsqlDataSource.Create((await app.GetConnectionStringAsync("orders", Token))!);
                Assert.Equal("orders", await orders.CreateCommand("SELECT current_database()").ExecuteScalarAsync(Token));
            }

            Assert.True(File.Exists(Path.Combine(data, "PG_VERSION")));

            // A second run finds the cluster initialised: the files do not run again.
            await using var again = DistributedApplicationTestingBuilder.Create();
            again.Configuration["Nuzantara:StateDirectory"] = builder.StateDirectory;
            again.Configuration["Nuzantara:SecretsPath"] = Path.Combine(builder.StateDirectory, "secrets.json");
            again.AddPostgres("pg", userName: again.AddParameter("pg-user", "orders_admin")).WithInitFiles(init).WithDataBindMount(data);
            await using var restarted = await again.BuildAsync(Token);
            await restarted.StartAsync(Token);
            await restarted.ResourceNotifications.WaitForResourceHealthyAsync("pg", Token).WaitAsync(Timeout, Token);
            await using var reopened = NpgsqlDataSource.Create((await restarted.GetConnectionStringAsync("pg", Token))!);
            Assert.Equal("first", await reopened.CreateCommand("SELECT string_agg(body, ',') FROM notes").ExecuteScalarAsync(Token));
        }
        finally
        {
            Directory.Delete(init, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_failing_init_file_fails_the_start_naming_the_file_and_leaves_the_data_folder_to_be_initialised_again()
    {
        var init = Directory.CreateTempSubdirectory("nuzantara-pg-init-").FullName;
        var data = Directory.CreateTempSubdirectory("nuzantara-pg-data-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(init, "broken.sql"), "CREATE TABLE (;\n");
            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.AddPostgres("pg").WithInitFiles(init).WithDataBindMount(data);
            await using var app = await builder.BuildAsync(Token);
            await app.StartAsync(Token);

            var failed = await app.ResourceNotifications.WaitForResourceAsync("pg", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);

            Assert.Contains("broken.sql", failed.Snapshot.StateReason);
            Assert.Contains("syntax error", failed.Snapshot.StateReason);
            Assert.Empty(Directory.EnumerateFileSystemEntries(data));
        }
        finally
        {
            Directory.Delete(init, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    private static IServer Server(ConnectionMultiplexer connection) => connection.GetServer(connection.GetEndPoints().Single());

    private static async Task<string> SaveSettingAsync(ConnectionMultiplexer connection) =>
        (await Server(connection).ConfigGetAsync("save")).Single().Value;
}
