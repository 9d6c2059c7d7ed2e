using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;
using Nuzantara.Hosting.Publishing;
using Nuzantara.Hosting.Publishing.Manifest;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>A model of the test's own, published in a folder of its own where its apps live too, so relative paths are the same on every machine.</summary>
internal sealed class PublishedModel : IAsyncDisposable
{
    private PublishedModel(string publisher)
    {
        Root = Directory.CreateTempSubdirectory("nuzantara-publish-").FullName;
        Output = Path.Combine(Root, "out");
        Builder = DistributedApplicationTestingBuilder.Create("--publisher", publisher, "--output-path", Output);
    }

    public string Root { get; }

    public string Output { get; }

    public IDistributedApplicationTestingBuilder Builder { get; }

    public static PublishedModel For(string publisher) => new(publisher);

    /// <summary>A folder of the model's root with the given files (relative path → content).</summary>
    public string App(string name, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(Root, name);
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(directory, path))!);
            File.WriteAllText(Path.Combine(directory, path), content);
        }

        return directory;
    }

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        await using var app = await Builder.BuildAsync(cancellationToken);
        await app.Services.GetRequiredService<PublishingService>().PublishAsync(cancellationToken);
    }

    public string Read(string file) => File.ReadAllText(Path.Combine(Output, file));

    public static async Task<IReadOnlyList<string>> SchemaErrorsAsync(string manifest, CancellationToken cancellationToken)
    {
        var schema = await JsonSchema.FromJsonAsync(ManifestSchema.Read(), cancellationToken);
        return [.. schema.Validate(manifest).Select(e => e.ToString())];
    }

    public async ValueTask DisposeAsync()
    {
        await Builder.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
