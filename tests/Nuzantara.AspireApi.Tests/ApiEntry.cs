namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// One public type, or one public or protected member of one, in an <c>Aspire.*</c> namespace.
/// </summary>
/// <param name="Package">The Aspire package it belongs to (for our entries: the package whose type it adds to).</param>
/// <param name="Type">The type's name with namespace and declared generic parameters, e.g. <c>Aspire.Hosting.ApplicationModel.IResourceBuilder&lt;T&gt;</c>.</param>
/// <param name="TypeKey">The type's name with generic parameters by position: what types are matched by.</param>
/// <param name="Scope">What it is matched within: its type's key, or for an extension method its namespace, since a
/// caller reaches that through the namespace whatever static class holds it.</param>
/// <param name="Member">The member's name (<c>.ctor</c>, <c>this[]</c> for an indexer); empty for the type itself.</param>
/// <param name="Key">Scope and signature with generic parameters by position: equal keys are the same API.</param>
/// <param name="Signature">Type and signature as C# with namespaces: how the allow-list names it.</param>
/// <param name="ShortSignature">The signature alone without namespaces: how the report shows it under its type.</param>
internal sealed record ApiEntry(string Package, string Type, string TypeKey, string Scope, string Member, string Key, string Signature, string ShortSignature)
{
    /// <summary>For a type: the keys of the types whose members callers reach through it too (see TypeApi.Bases).</summary>
    public IReadOnlyList<string> Bases { get; init; } = [];

    public bool IsType => Member.Length == 0;

    /// <summary>The signature part of <see cref="Key"/>, without the scope.</summary>
    public string SignatureKey => Key[(Scope.Length + " :: ".Length)..];
}
