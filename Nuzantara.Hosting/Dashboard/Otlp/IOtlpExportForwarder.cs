namespace Nuzantara.Hosting.Dashboard.Otlp;

/// <summary>
/// Where the OTLP receiver hands every export it accepted, besides its own store, when an integration registers one
/// (Grafana Cloud without Alloy forwards them). Called on the receiver's request path: it must never wait.
/// </summary>
internal interface IOtlpExportForwarder
{
    /// <summary>Takes one export of <paramref name="signal"/> (<c>traces</c>, <c>metrics</c>, <c>logs</c>), as OTLP/HTTP would carry it.</summary>
    void Enqueue(string signal, byte[] body, string contentType);
}
