using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;

namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// The entries of one visible type: the type itself (its kind; a delegate's whole signature) and its public or
/// protected members. Each is written three ways (see <see cref="ApiEntry"/>) by rendering it with different
/// <see cref="TypeNames"/> and generic parameter names.
/// </summary>
internal sealed class TypeApi(MetadataReader reader, TypeDefinitionHandle handle, Func<string, string> packageOf)
{
    private const string ExtensionAttribute = "System.Runtime.CompilerServices.ExtensionAttribute";

    private readonly TypeDefinition _type = reader.GetTypeDefinition(handle);

    /// <summary>The three ways of writing a signature: for comparing, for the allow-list, for the report.</summary>
    private enum Style { Key, Qualified, Short }

    public IEnumerable<ApiEntry> Entries()
    {
        var typeName = TypeName(Style.Qualified);
        var typeKey = TypeName(Style.Key);
        var package = packageOf(typeKey);
        var extensionScope = reader.GetString(_type.Namespace) + " (extension methods)";
        ApiEntry Entry(string member, Func<Style, string> signature, bool isExtension = false)
        {
            var scope = isExtension ? extensionScope : typeKey;
            return new(package, typeName, typeKey, scope, member, scope + " :: " + signature(Style.Key), typeName + " :: " + signature(Style.Qualified), signature(Style.Short));
        }

        var kind = Kind();
        yield return Entry("", style => kind == "delegate" ? DelegateSignature(style) : kind) with { Bases = Bases() };
        if (kind == "delegate")
        {
            yield break;
        }

        var accessors = new HashSet<MethodDefinitionHandle>();
        foreach (var propertyHandle in _type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(propertyHandle);
            var getter = property.GetAccessors().Getter;
            var setter = property.GetAccessors().Setter;
            accessors.Add(getter);
            accessors.Add(setter);
            var getterAccess = getter.IsNil ? null : VisibleAccess(getter);
            var setterAccess = setter.IsNil ? null : VisibleAccess(setter);
            if (getterAccess is null && setterAccess is null)
            {
                continue;
            }

            var name = reader.GetString(property.Name);
            var indexed = !getter.IsNil && reader.GetMethodDefinition(getter).GetParameters().Count > 0 ||
                          !setter.IsNil && reader.GetMethodDefinition(setter).GetParameters().Count > 1;
            yield return Entry(indexed ? "this[]" : name, style => PropertySignature(property, name, getter, getterAccess, setter, setterAccess, style));
        }

        foreach (var eventHandle in _type.GetEvents())
        {
            var @event = reader.GetEventDefinition(eventHandle);
            var adder = @event.GetAccessors().Adder;
            accessors.Add(adder);
            accessors.Add(@event.GetAccessors().Remover);
            accessors.Add(@event.GetAccessors().Raiser);
            if (VisibleAccess(adder) is { } access)
            {
                var name = reader.GetString(@event.Name);
                var isStatic = (reader.GetMethodDefinition(adder).Attributes & MethodAttributes.Static) != 0;
                yield return Entry(name, style => $"{access}{(isStatic ? "static " : "")}event {TypeOf(@event.Type, style)} {name}");
            }
        }

        foreach (var methodHandle in _type.GetMethods())
        {
            var method = reader.GetMethodDefinition(methodHandle);
            var name = reader.GetString(method.Name);
            if (!accessors.Contains(methodHandle) && VisibleAccess(methodHandle) is { } access && name != ".cctor" && !name.Contains('<'))
            {
                yield return Entry(name, style => MethodSignature(method, name, access, style), IsExtension(method));
            }
        }

        foreach (var fieldHandle in _type.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            var name = reader.GetString(field.Name);
            if (MetadataFacts.Access(field.Attributes) is { } access && (field.Attributes & FieldAttributes.SpecialName) == 0 && !name.Contains('<'))
            {
                yield return Entry(name, style => kind == "enum" ? name : FieldSignature(field, name, access, style));
            }
        }
    }

    private bool IsExtension(MethodDefinition method) => MetadataFacts.HasAttribute(reader, method.GetCustomAttributes(), ExtensionAttribute);

    /// <summary>
    /// The types whose members callers reach through this one: an interface's base interfaces, a class's base class
    /// (not its interfaces: a class's own members are what a call on it binds to).
    /// </summary>
    private string[] Bases() => (_type.Attributes & TypeAttributes.Interface) != 0
        ? _type.GetInterfaceImplementations().Select(i => TypeOf(reader.GetInterfaceImplementation(i).Interface, Style.Key)).ToArray()
        : _type.BaseType.IsNil ? [] : [TypeOf(_type.BaseType, Style.Key)];

    private string Kind()
    {
        if ((_type.Attributes & TypeAttributes.Interface) != 0)
        {
            return "interface";
        }

        return (_type.BaseType.IsNil ? "" : TypeOf(_type.BaseType, Style.Key)) switch
        {
            "System.Enum" => "enum",
            "System.ValueType" => "struct",
            "System.MulticastDelegate" => "delegate",
            _ when (_type.Attributes & (TypeAttributes.Abstract | TypeAttributes.Sealed)) == (TypeAttributes.Abstract | TypeAttributes.Sealed) => "static class",
            _ => "class",
        };
    }

    private string TypeName(Style style)
    {
        var name = TypeNames.NameOf(reader, handle, withNamespaces: style != Style.Short);
        var parameters = TypeParameters(style);
        return parameters.Count == 0 ? name : $"{name}<{string.Join(", ", parameters)}>";
    }

    private IReadOnlyList<string> TypeParameters(Style style) => GenericNames(_type.GetGenericParameters(), style, "!");

    private IReadOnlyList<string> GenericNames(GenericParameterHandleCollection parameters, Style style, string positionalPrefix) =>
        parameters.Select((p, index) => style == Style.Key ? positionalPrefix + index : reader.GetString(reader.GetGenericParameter(p).Name)).ToArray();

    private SignatureContext Context(Style style) => new(TypeParameters(style), []);

    private static TypeNames Names(Style style) => style == Style.Short ? TypeNames.Short : TypeNames.Qualified;

    /// <summary>The access of a member outside code can use, or null for one it cannot (private, internal).</summary>
    private string? VisibleAccess(MethodDefinitionHandle method)
    {
        var attributes = reader.GetMethodDefinition(method).Attributes;
        return MetadataFacts.IsOverride(attributes) ? null : MetadataFacts.Access(attributes);
    }

    private string TypeOf(EntityHandle type, Style style) => type.Kind switch
    {
        HandleKind.TypeDefinition => Names(style).GetTypeFromDefinition(reader, (TypeDefinitionHandle)type, 0),
        HandleKind.TypeReference => Names(style).GetTypeFromReference(reader, (TypeReferenceHandle)type, 0),
        _ => Names(style).GetTypeFromSpecification(reader, Context(style), (TypeSpecificationHandle)type, 0),
    };

    private string DelegateSignature(Style style)
    {
        var invoke = _type.GetMethods().Select(reader.GetMethodDefinition).Single(m => reader.GetString(m.Name) == "Invoke");
        var signature = invoke.DecodeSignature(Names(style), Context(style));
        return $"delegate {signature.ReturnType}({Parameters(invoke, signature.ParameterTypes, style)})";
    }

    private string MethodSignature(MethodDefinition method, string name, string access, Style style)
    {
        var genericNames = GenericNames(method.GetGenericParameters(), style, "!!");
        var signature = method.DecodeSignature(Names(style), Context(style).WithMethodParameters(genericNames));
        var generics = genericNames.Count == 0 ? "" : $"<{string.Join(", ", genericNames)}>";
        var modifiers = access + (signature.Header.IsInstance ? "" : "static ");
        var parameters = Parameters(method, signature.ParameterTypes, style);
        return name == ".ctor" ? $"{modifiers}new({parameters})" : $"{modifiers}{signature.ReturnType} {name}{generics}({parameters})";
    }

    private string PropertySignature(PropertyDefinition property, string name, MethodDefinitionHandle getter, string? getterAccess,
        MethodDefinitionHandle setter, string? setterAccess, Style style)
    {
        var signature = property.DecodeSignature(Names(style), Context(style));
        var access = getterAccess == "" || setterAccess == "" ? "" : "protected ";
        var modifiers = access + (signature.Header.IsInstance ? "" : "static ");
        var accessors = new List<string>();
        if (getterAccess is not null)
        {
            accessors.Add((getterAccess == access ? "" : getterAccess) + "get;");
        }

        if (setterAccess is not null)
        {
            var setterSignature = reader.GetMethodDefinition(setter).DecodeSignature(Names(style), Context(style));
            var initOnly = setterSignature.ReturnType.StartsWith(TypeNames.InitOnlyMarker, StringComparison.Ordinal);
            accessors.Add((setterAccess == access ? "" : setterAccess) + (initOnly ? "init;" : "set;"));
        }

        var indexerParameters = signature.ParameterTypes.Length == 0
            ? ""
            : "[" + Parameters(reader.GetMethodDefinition(getter.IsNil ? setter : getter), signature.ParameterTypes, style) + "]";
        var displayName = indexerParameters.Length == 0 ? name : "this" + indexerParameters;
        return $"{modifiers}{signature.ReturnType} {displayName} {{ {string.Join(" ", accessors)} }}";
    }

    private string FieldSignature(FieldDefinition field, string name, string access, Style style)
    {
        var type = field.DecodeSignature(Names(style), Context(style));
        var attributes = field.Attributes;
        var modifiers = access +
                        ((attributes & FieldAttributes.Literal) != 0 ? "const " : (attributes & FieldAttributes.Static) != 0 ? "static " : "") +
                        ((attributes & FieldAttributes.InitOnly) != 0 ? "readonly " : "");
        return $"{modifiers}{type} {name}";
    }

    /// <summary>A parameter list as C# writes it: names, <c>this</c>, <c>params</c>, <c>ref</c>/<c>out</c>/<c>in</c> and defaults.</summary>
    private string Parameters(MethodDefinition method, ImmutableArray<string> types, Style style)
    {
        var bySequence = method.GetParameters().Select(reader.GetParameter).ToDictionary(p => p.SequenceNumber);
        var isExtension = IsExtension(method);
        return string.Join(", ", types.Select((type, index) =>
        {
            if (!bySequence.TryGetValue(index + 1, out var parameter))
            {
                return type;
            }

            var attributes = parameter.GetCustomAttributes();
            var written = type;
            if (type.StartsWith("ref ", StringComparison.Ordinal))
            {
                if (MetadataFacts.HasAttribute(reader, attributes, "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
                {
                    written = "in " + type[4..];
                }
                else if ((parameter.Attributes & (ParameterAttributes.Out | ParameterAttributes.In)) == ParameterAttributes.Out)
                {
                    written = "out " + type[4..];
                }
            }

            var prefix = index == 0 && isExtension ? "this " : "";
            if (MetadataFacts.HasAttribute(reader, attributes, "System.ParamArrayAttribute") ||
                MetadataFacts.HasAttribute(reader, attributes, "System.Runtime.CompilerServices.ParamCollectionAttribute"))
            {
                prefix += "params ";
            }

            return $"{prefix}{written} {reader.GetString(parameter.Name)}{MetadataFacts.DefaultValue(reader, parameter)}";
        }));
    }
}
