using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Nuzantara.Gateway.Tests;

/// <summary>
/// The orchestrator's own <c>Program</c>, in-process on Kestrel (TestServer enforces no request body limit), its
/// <c>http://backend</c> and <c>http://python-backend</c> resolved by service discovery to the addresses given, as the
/// AppHost's <c>services__…</c> variables would.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _services;

    public GatewayFactory(string backendUrl, string rankingUrl)
    {
        _services = new Dictionary<string, string?>
        {
            ["services:backend:http:0"] = backendUrl.TrimEnd('/'),
            ["services:python-backend:http:0"] = rankingUrl.TrimEnd('/'),
        };
        UseKestrel(port: 0);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(_services));
        return base.CreateHost(builder);
    }
}
