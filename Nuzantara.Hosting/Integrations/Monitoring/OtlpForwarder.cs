using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Dashboard;
using Nuzantara.Hosting.Dashboard.Otlp;

namespace Nuzantara.Hosting.Monitoring;

/// <summary>
/// Forwards every export the OTLP receiver accepted to <see cref="OtlpForwardingTarget"/> (Grafana Cloud without
/// Alloy), in the background: the receiver only enqueues, so a slow or failing Grafana Cloud never delays or fails a
/// service's export. The queue is bounded; what does not fit, or still fails after the HTTP client's limited retries,
/// is dropped and counted (<see cref="DroppedCounterName"/> on the AppHost's /metrics, and a warning now and then).
/// </summary>
internal sealed class OtlpForwarder : BackgroundService, IOtlpExportForwarder
{
    public const string HttpClientName = "otlp-forwarder";

    public const string DroppedCounterName = "nuzantara.otlp.forward.dropped";

    private const int WarnEvery = 100;

    private readonly Channel<Export> _queue;
    private readonly OtlpForwardingTarget _target;
    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger<OtlpForwarder> _logger;
    private readonly Counter<long> _dropped;
    private readonly AuthenticationHeaderValue _authorization;
    private long _droppedTotal;

    public OtlpForwarder(OtlpForwardingTarget target, GrafanaCloudOptions options, IHttpClientFactory httpClients, IMeterFactory meters, ILogger<OtlpForwarder> logger)
    {
        _target = target;
        _httpClients = httpClients;
        _logger = logger;
        _queue = Channel.CreateBounded<Export>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        // The dashboard's /metrics exports this meter, so Prometheus (and through it Grafana Cloud) sees the drops.
        _dropped = meters.Create(ResourceMetrics.MeterName).CreateCounter<long>(DroppedCounterName, "{request}", "OTLP exports not forwarded to Grafana Cloud");
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{target.Username}:{target.Password}")));
    }

    /// <summary>
    /// Queues one export of <paramref name="signal"/> (<c>traces</c>, <c>metrics</c>, <c>logs</c>), never waiting. The
    /// body is sent as received: the gateway accepts the same OTLP encodings as the receiver, and re-encoding a
    /// message already parsed would only cost time.
    /// </summary>
    public void Enqueue(string signal, byte[] body, string contentType)
    {
        if (!_queue.Writer.TryWrite(new Export(signal, body, contentType)))
        {
            Drop(signal, "queue full");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = _httpClients.CreateClient(HttpClientName);
        try
        {
            await foreach (var export in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await SendAsync(client, export, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(HttpClient client, Export export, CancellationToken cancellationToken)
    {
        try
        {
            // Inside the try: a malformed GRAFANA_OTLP_URL fails here, and must cost the export, not the forwarder.
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{_target.BaseUrl.TrimEnd('/')}/v1/{export.Signal}")
            {
                Content = new ByteArrayContent(export.Body) { Headers = { ContentType = new MediaTypeHeaderValue(export.ContentType) } },
            };
            request.Headers.Authorization = _authorization;

            // The client's resilience handler retries transient failures a few times with back-off, then gives up.
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Drop(export.Signal, $"HTTP {(int)response.StatusCode}");
            }
        }
        // Whatever the failure (refused, a resilience timeout or open circuit, a TLS error, a bad URL): an escaping
        // exception would end this service and, by the host's default, the AppHost with it.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Drop(export.Signal, ex.GetType().Name);
        }
    }

    private void Drop(string signal, string reason)
    {
        _dropped.Add(1, new KeyValuePair<string, object?>("signal", signal));
        var total = Interlocked.Increment(ref _droppedTotal);
        if (total % WarnEvery == 1)
        {
            _logger.LogWarning("OTLP {Signal} not forwarded to {Target} ({Reason}); {Total} dropped so far, counted in {Counter}",
                signal, _target.BaseUrl, reason, total, DroppedCounterName);
        }
    }

    private sealed record Export(string Signal, byte[] Body, string ContentType);
}
