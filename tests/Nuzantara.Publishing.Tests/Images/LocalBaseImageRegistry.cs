using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Publishing.Tests.Images;

/// <summary>
/// A read-only OCI registry on 127.0.0.1 serving one small base image, for the SDK's container build to start from:
/// no public registry is reachable from the machines that run the tests, and the SDK pulls its base image from a
/// registry only. Hand-written because it is four routes of the distribution API; the image it serves holds a
/// marker file, not a .NET runtime, so the test checks the archive's structure, not that it runs.
/// </summary>
internal sealed class LocalBaseImageRegistry : IAsyncDisposable
{
    public const string Repository = "nuzantara-tests/base";
    public const string Tag = "1";
    public const string MarkerPath = "etc/nuzantara-test-base";

    private readonly WebApplication _app;
    private readonly Dictionary<string, (byte[] Content, string MediaType)> _blobs = new(StringComparer.Ordinal);
    private byte[] _manifest = [];

    private LocalBaseImageRegistry(WebApplication app) => _app = app;

    /// <summary><c>localhost:port</c>, the registry's name in an image reference.</summary>
    public string Host { get; private set; } = string.Empty;

    public string BaseImage => $"{Host}/{Repository}:{Tag}";

    public static async Task<LocalBaseImageRegistry> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var registry = new LocalBaseImageRegistry(builder.Build());
        registry.BuildImage();
        registry.MapRoutes();
        await registry._app.StartAsync(cancellationToken);
        var address = new Uri(registry._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        registry.Host = $"localhost:{address.Port}";
        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void BuildImage()
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, MarkerPath)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes("base image served by the publishing tests\n")),
                Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }

        var layer = new MemoryStream();
        using (var gzip = new GZipStream(layer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        var layerDigest = Add(layer.ToArray(), "application/vnd.oci.image.layer.v1.tar+gzip");
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                ["WorkingDir"] = "/",
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(Digest(tar.ToArray())) },
        };
        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var configDigest = Add(configBytes, "application/vnd.oci.image.config.v1+json");
        _manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", configDigest, configBytes.Length),
            ["layers"] = new JsonArray(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layerDigest, layer.Length)),
        }.ToJsonString());
    }

    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    private void MapRoutes()
    {
        _app.MapMethods("/v2/", ["GET", "HEAD"], (HttpContext context) =>
        {
            context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            return Results.Ok();
        });
        _app.MapMethods($"/v2/{Repository}/manifests/{{reference}}", ["GET", "HEAD"], (string reference, HttpContext context) =>
        {
            var digest = Digest(_manifest);
            if (reference != Tag && reference != digest)
            {
                return Results.NotFound();
            }

            context.Response.Headers["Docker-Content-Digest"] = digest;
            return Results.Bytes(_manifest, ManifestMediaType);
        });
        _app.MapMethods($"/v2/{Repository}/blobs/{{digest}}", ["GET", "HEAD"], (string digest, HttpContext context) =>
        {
            if (!_blobs.TryGetValue(digest, out var blob))
            {
                return Results.NotFound();
            }

            context.Response.Headers["Docker-Content-Digest"] = digest;
            return Results.Bytes(blob.Content, blob.MediaType);
        });
    }

    private string Add(byte[] content, string mediaType)
    {
        var digest = Digest(content);
        _blobs[digest] = (content, mediaType);
        return digest;
    }

    private static JsonObject Descriptor(string mediaType, string digest, long size) => new() { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = size };

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
