using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>
/// The health body of the original system (DESIGN.md): what an SRE's curl and the AppHost's probes read. As the
/// original wrote it: <see cref="Timestamp"/> in milliseconds since the Unix epoch (JavaScript's Date.now()) and
/// <see cref="Environment"/> lower-case (NODE_ENV's "production", not ASP.NET Core's "Production").
/// </summary>
internal sealed record HealthBody(
    double Uptime,
    HealthMemory Memory,
    long Timestamp,
    string Status,
    IReadOnlyDictionary<string, string> Services,
    string Version,
    string Environment);

/// <summary>Bytes, as Node's process.memoryUsage() reported them: resident set and heap.</summary>
internal sealed record HealthMemory(long Rss, long HeapTotal);

/// <summary>Source-generated, so writing the body takes no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
