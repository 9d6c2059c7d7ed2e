using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Nuzantara.Hosting.Dashboard.Web;

/// <summary>The dashboard's pages, scripts and styles, embedded in this assembly so the AppHost needs no files beside it.</summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "Nuzantara.Hosting.Dashboard.Web.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, byte[]> _files = Load();

    public IResult Page(string name) => File(name) ?? Results.NotFound();

    public IResult? File(string name) =>
        _files.TryGetValue(name, out var bytes) && ContentTypes.TryGetValue(Path.GetExtension(name), out var type) ? Results.Bytes(bytes, type) : null;

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
    }
}
