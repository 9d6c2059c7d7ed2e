using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting;

public static partial class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// How the parameter's value is asked for, as Aspire's dashboard would. Kept on the parameter: with no prompt here,
    /// a missing value's start error names the input's label and quotes its description.
    /// </summary>
    [Experimental("ASPIREINTERACTION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public static IResourceBuilder<ParameterResource> WithCustomInput(this IResourceBuilder<ParameterResource> builder, Func<ParameterResource, InteractionInput> createInput)
    {
        ArgumentNullException.ThrowIfNull(createInput);
        return builder.WithAnnotation(new InputGeneratorAnnotation(createInput));
    }
}
