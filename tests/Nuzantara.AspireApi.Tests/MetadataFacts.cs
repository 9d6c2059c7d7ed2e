using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;

namespace Nuzantara.AspireApi.Tests;

/// <summary>Small questions about metadata the API reader asks: attributes, visibility, default values.</summary>
internal static class MetadataFacts
{
    public static bool HasAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes, string fullName)
    {
        foreach (var handle in attributes)
        {
            var constructor = reader.GetCustomAttribute(handle).Constructor;
            var type = constructor.Kind == HandleKind.MemberReference
                ? reader.GetMemberReference((MemberReferenceHandle)constructor).Parent
                : reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
            if (FullName(reader, type) == fullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"protected " for a member only subclasses see, "" for a public one, null for one outside code cannot use.</summary>
    public static string? Access(MethodAttributes attributes) => (attributes & MethodAttributes.MemberAccessMask) switch
    {
        MethodAttributes.Public => "",
        MethodAttributes.Family or MethodAttributes.FamORAssem => "protected ",
        _ => null,
    };

    /// <inheritdoc cref="Access(MethodAttributes)"/>
    public static string? Access(FieldAttributes attributes) => (attributes & FieldAttributes.FieldAccessMask) switch
    {
        FieldAttributes.Public => "",
        FieldAttributes.Family or FieldAttributes.FamORAssem => "protected ",
        _ => null,
    };

    /// <summary>An override: callers reach it through the member it overrides, which is compared where it is declared.</summary>
    public static bool IsOverride(MethodAttributes attributes) =>
        (attributes & MethodAttributes.Virtual) != 0 && (attributes & MethodAttributes.NewSlot) == 0;

    /// <summary>A parameter's default as C# writes it (<c> = null</c>, <c> = "http"</c>), or "" when it has none.</summary>
    public static string DefaultValue(MetadataReader reader, Parameter parameter)
    {
        if ((parameter.Attributes & ParameterAttributes.HasDefault) != 0)
        {
            var constant = reader.GetConstant(parameter.GetDefaultValue());
            return " = " + Literal(reader.GetBlobReader(constant.Value).ReadConstant(constant.TypeCode));
        }

        return (parameter.Attributes & ParameterAttributes.Optional) != 0 ? " = default" : "";
    }

    private static string Literal(object? value) => value switch
    {
        // C# stores both "= null" and a value type's "= default" as a null constant: "default" is right for either.
        null => "default",
        string text => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool flag => flag ? "true" : "false",
        char character => $"'{character}'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string FullName(MetadataReader reader, EntityHandle type) => type.Kind switch
    {
        HandleKind.TypeReference => reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Namespace) + "." +
                                    reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Name),
        HandleKind.TypeDefinition => reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Namespace) + "." +
                                     reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Name),
        _ => "",
    };
}
