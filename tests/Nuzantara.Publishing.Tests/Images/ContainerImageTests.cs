using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Publishing.Tests.Images;

/// <summary>The .NET services become images with <c>dotnet publish -t:PublishContainer</c>, no container engine needed.</summary>
public sealed class ContainerImageTests(PublishedOutputs outputs, ITestOutputHelper output)
{
    [Fact]
    public async Task The_backend_publishes_as_an_image_archive_without_a_container_engine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var registry = await LocalBaseImageRegistry.StartAsync(ct);
        var archiveDirectory = Path.Combine(outputs.Root, "images");
        var project = Path.Combine(global::Nuzantara.Tests.Repository.Root, "Nuzantara.Backend", "Nuzantara.Backend.csproj");
        var stopwatch = Stopwatch.StartNew();

        // As docs/deploy.md documents it, but from the test's base image: the default one is on mcr.microsoft.com.
        var result = await CommandRunner.RunAsync("dotnet",
            ["publish", project, "-t:PublishContainer", "-p:ContainerArchiveOutputPath=" + archiveDirectory + "/",
                "-p:ContainerBaseImage=" + registry.BaseImage, "-p:ContainerRuntimeIdentifier=linux-x64", "--nologo"],
            ct, new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Host, ["DOTNET_NOLOGO"] = "1" });
        output.WriteLine($"dotnet publish -t:PublishContainer took {stopwatch.Elapsed.TotalSeconds:F0} s");

        Assert.True(result.ExitCode == 0, result.Output);
        var archive = Path.Combine(archiveDirectory, "backend.tar.gz");
        Assert.True(File.Exists(archive), $"No {archive}:{Environment.NewLine}{result.Output}");
        var entries = await ReadEntriesAsync(archive, ct);
        output.WriteLine($"{archive}: {string.Join(", ", entries.Select(e => $"{e.Key} ({e.Value.Length} bytes)"))}");
        var layers = entries.Where(e => e.Key.EndsWith(".tar.gz", StringComparison.Ordinal) || e.Key.Contains("blobs/", StringComparison.Ordinal) || e.Key.EndsWith("layer.tar", StringComparison.Ordinal))
            .Select(e => LayerFiles(e.Value)).Where(files => files is not null).ToList();
        Assert.Contains(layers, files => files!.Contains("app/Nuzantara.Backend.dll"));
        Assert.Contains(layers, files => files!.Contains(LocalBaseImageRegistry.MarkerPath));
        var text = string.Join("\n", entries.Where(e => e.Key.EndsWith(".json", StringComparison.Ordinal) || e.Key.Contains("blobs/", StringComparison.Ordinal))
            .Select(e => Encoding.UTF8.GetString(e.Value)));
        Assert.Contains("backend:latest", text, StringComparison.Ordinal);
        Assert.Contains("Nuzantara.Backend", text, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, byte[]>> ReadEntriesAsync(string archive, CancellationToken ct)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        // Named .tar.gz by the SDK, written as a plain tar (docker load reads both).
        var bytes = await File.ReadAllBytesAsync(archive, ct);
        await using var reader = new TarReader(Uncompressed(bytes));
        while (await reader.GetNextEntryAsync(cancellationToken: ct) is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                await data.CopyToAsync(buffer, ct);
                entries[entry.Name.TrimStart('.', '/')] = buffer.ToArray();
            }
        }

        return entries;
    }

    private static Stream Uncompressed(byte[] content) =>
        content is [0x1f, 0x8b, ..] ? new GZipStream(new MemoryStream(content), CompressionMode.Decompress) : new MemoryStream(content);

    /// <summary>The file names in a layer (a tar, gzipped or not), or null when the blob is not a layer.</summary>
    private static HashSet<string>? LayerFiles(byte[] blob)
    {
        try
        {
            using var reader = new TarReader(Uncompressed(blob));
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.GetNextEntry() is { } entry)
            {
                names.Add(entry.Name.TrimStart('.', '/'));
            }

            return names;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            return null;
        }
    }
}
