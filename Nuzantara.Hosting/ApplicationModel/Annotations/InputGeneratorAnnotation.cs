using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>How a parameter's value is asked for (WithCustomInput) instead of the default text box.</summary>
[Experimental("ASPIREINTERACTION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public class InputGeneratorAnnotation(Func<ParameterResource, InteractionInput> inputGenerator) : IResourceAnnotation
{
    public Func<ParameterResource, InteractionInput> InputGenerator { get; } = inputGenerator;
}
