using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.Backend.Tests;

/// <summary>
/// The backend's own <c>Program</c>, in-process, given the connection strings the AppHost would inject. Host
/// configuration, as eShop's CatalogApiFixture does: Program reads the connection strings while it builds, before any
/// app configuration added here would apply. On Kestrel, on a port the OS picks: TestServer enforces no request body
/// limit, and the 413 of an oversized document is part of the API.
/// </summary>
public sealed class BackendFactory : WebApplicationFactory<Program>
{
    private readonly string _redisConnectionString;
    private readonly string _databaseConnectionString;

    public BackendFactory(string redisConnectionString, string databaseConnectionString)
    {
        _redisConnectionString = redisConnectionString;
        _databaseConnectionString = databaseConnectionString;
        UseKestrel(port: 0);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = _redisConnectionString,
            ["ConnectionStrings:nuzantara"] = _databaseConnectionString,
        }));
        return base.CreateHost(builder);
    }
}
