using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// Reads an assembly's public API in <c>Aspire.*</c> namespaces from its metadata alone: every visible type, and every
/// public or protected constructor, method, property, field and event of one, as <see cref="ApiEntry"/>s.
/// Compiler-generated members (names with <c>&lt;</c>), accessors (shown as their property or event) and overrides
/// (callers reach them through the member they override) are left out.
/// </summary>
internal static class PublicApi
{
    /// <summary>The API in <c>Aspire.*</c> namespaces of the assembly at <paramref name="path"/>.</summary>
    /// <param name="packageOf">The package a type belongs to, given its key.</param>
    public static IReadOnlyList<ApiEntry> Read(string path, Func<string, string> packageOf)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var entries = new List<ApiEntry>();
        foreach (var handle in reader.TypeDefinitions)
        {
            if (IsVisible(reader, handle) && IsInAspireNamespace(reader, handle))
            {
                entries.AddRange(new TypeApi(reader, handle, packageOf).Entries());
            }
        }

        return entries;
    }

    private static bool IsVisible(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        if (reader.GetString(type.Name).Contains('<'))
        {
            return false;
        }

        return (type.Attributes & TypeAttributes.VisibilityMask) switch
        {
            TypeAttributes.Public => true,
            TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem => IsVisible(reader, type.GetDeclaringType()),
            _ => false,
        };
    }

    private static bool IsInAspireNamespace(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (!type.GetDeclaringType().IsNil)
        {
            type = reader.GetTypeDefinition(type.GetDeclaringType());
        }

        var ns = reader.GetString(type.Namespace);
        return ns == "Aspire" || ns.StartsWith("Aspire.", StringComparison.Ordinal);
    }
}
