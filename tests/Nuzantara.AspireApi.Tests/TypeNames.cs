using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// Writes the types in a metadata signature as C# names (<c>IResourceBuilder&lt;T&gt;</c>, <c>string?</c> for nullable
/// value types, <c>ref T</c>), so that two assemblies' signatures compare as text without loading either assembly or
/// its dependencies.
/// </summary>
internal sealed class TypeNames(bool withNamespaces) : ISignatureTypeProvider<string, SignatureContext>
{
    /// <summary>Marks the setter of an init-only property: its return type carries this modifier.</summary>
    public const string InitOnlyMarker = "init-only ";

    /// <summary>Namespace-qualified names, for comparing and for the allow-list.</summary>
    public static TypeNames Qualified { get; } = new(withNamespaces: true);

    /// <summary>Names without namespaces, for the report.</summary>
    public static TypeNames Short { get; } = new(withNamespaces: false);

    private static readonly Dictionary<PrimitiveTypeCode, string> Keywords = new()
    {
        [PrimitiveTypeCode.Boolean] = "bool", [PrimitiveTypeCode.Byte] = "byte", [PrimitiveTypeCode.Char] = "char",
        [PrimitiveTypeCode.Double] = "double", [PrimitiveTypeCode.Int16] = "short", [PrimitiveTypeCode.Int32] = "int",
        [PrimitiveTypeCode.Int64] = "long", [PrimitiveTypeCode.IntPtr] = "nint", [PrimitiveTypeCode.Object] = "object",
        [PrimitiveTypeCode.SByte] = "sbyte", [PrimitiveTypeCode.Single] = "float", [PrimitiveTypeCode.String] = "string",
        [PrimitiveTypeCode.TypedReference] = "TypedReference", [PrimitiveTypeCode.UInt16] = "ushort",
        [PrimitiveTypeCode.UInt32] = "uint", [PrimitiveTypeCode.UInt64] = "ulong", [PrimitiveTypeCode.UIntPtr] = "nuint",
        [PrimitiveTypeCode.Void] = "void",
    };

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => Keywords[typeCode];

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        NameOf(reader, handle, withNamespaces);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        NameOf(reader, handle, withNamespaces);

    public string GetTypeFromSpecification(MetadataReader reader, SignatureContext context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, context);

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        genericType is "System.Nullable" or "Nullable" ? typeArguments[0] + "?" : $"{genericType}<{string.Join(", ", typeArguments)}>";

    public string GetGenericTypeParameter(SignatureContext context, int index) => context.TypeParameters[index];

    public string GetGenericMethodParameter(SignatureContext context, int index) => context.MethodParameters[index];

    public string GetArrayType(string elementType, ArrayShape shape) => $"{elementType}[{new string(',', shape.Rank - 1)}]";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetByReferenceType(string elementType) => "ref " + elementType;

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
        modifier is "System.Runtime.CompilerServices.IsExternalInit" or "IsExternalInit" ? InitOnlyMarker + unmodifiedType : unmodifiedType;

    public string GetFunctionPointerType(MethodSignature<string> signature) =>
        $"delegate*<{string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType))}>";

    /// <summary>A type definition's name: nested types as <c>Outer.Inner</c>, the generic arity suffix (<c>`1</c>) dropped.</summary>
    public static string NameOf(MetadataReader reader, TypeDefinitionHandle handle, bool withNamespaces)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = WithoutArity(reader.GetString(type.Name));
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return NameOf(reader, declaring, withNamespaces) + "." + name;
        }

        var ns = reader.GetString(type.Namespace);
        return withNamespaces && ns.Length > 0 ? ns + "." + name : name;
    }

    private static string NameOf(MetadataReader reader, TypeReferenceHandle handle, bool withNamespaces)
    {
        var type = reader.GetTypeReference(handle);
        var name = WithoutArity(reader.GetString(type.Name));
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return NameOf(reader, (TypeReferenceHandle)type.ResolutionScope, withNamespaces) + "." + name;
        }

        var ns = reader.GetString(type.Namespace);
        return withNamespaces && ns.Length > 0 ? ns + "." + name : name;
    }

    private static string WithoutArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
