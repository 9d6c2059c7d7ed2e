using System.Text.Json.Serialization;

namespace Nuzantara.Backend.Documents;

/// <summary>A stored document. <see cref="Version"/> counts its writes and is its ETag.</summary>
public sealed record Document(long Id, string Title, string Body, IReadOnlyList<string> Tags, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    [JsonIgnore]
    public string ETag => $"\"{Version}\"";
}

/// <summary>What a client writes: POST and PUT carry the whole document.</summary>
public sealed record DocumentInput(string Title, string Body, IReadOnlyList<string> Tags);

/// <summary>One page of a listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record DocumentPage(IReadOnlyList<Document> Items, string? NextCursor);
