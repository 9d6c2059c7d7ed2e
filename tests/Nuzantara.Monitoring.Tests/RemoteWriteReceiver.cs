using System.Diagnostics;
using System.Text.Json;
using Nuzantara.Hosting.Orchestration;
using Nuzantara.Tests;

namespace Nuzantara.Monitoring.Tests;

/// <summary>
/// Grafana Cloud's Prometheus, as far as a remote writer sees it: a real Prometheus (the Debian one the engine
/// installs) with its remote-write receiver on, on a free loopback port, scraping nothing itself; queried for what
/// arrived. It does not check basic auth (Prometheus would need a bcrypt hash for that).
/// </summary>
internal sealed class RemoteWriteReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _client;

    private RemoteWriteReceiver(Process process, string directory, string address)
    {
        _process = process;
        _directory = directory;
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>Where a remote writer sends (<c>/api/v1/write</c>).</summary>
    public string WriteUrl => new Uri(_client.BaseAddress!, "/api/v1/write").ToString();

    public static async Task<RemoteWriteReceiver> StartAsync(CancellationToken cancellationToken)
    {
        await MonitoringTools.EnsureAlertmanagerAsync(cancellationToken);
        var directory = Directory.CreateTempSubdirectory("remote-write-receiver-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, "scrape_configs: []\n", cancellationToken);
        var address = $"127.0.0.1:{PortAllocator.FreePort()}";
        var startInfo = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address={address}",
                "--web.enable-remote-write-receiver",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(startInfo)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var receiver = new RemoteWriteReceiver(process, directory, $"http://{address}");
        await Eventually.ReadAsync(receiver.IsReadyAsync, ready => ready || process.HasExited, TimeSpan.FromSeconds(30), _ => "the receiver Prometheus is not ready");
        Assert.False(process.HasExited, "the receiver Prometheus exited at start");
        return receiver;
    }

    /// <summary>The series of an instant query, as their label sets.</summary>
    public async Task<IReadOnlyList<Dictionary<string, string>>> QueryAsync(string promql)
    {
        var body = JsonDocument.Parse(await _client.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}", TestContext.Current.CancellationToken)).RootElement;
        return body.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _client.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await _client.GetAsync("/-/ready", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
