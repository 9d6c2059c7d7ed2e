namespace Nuzantara.AspireApi.Tests;

/// <summary>
/// The names <see cref="TypeNames"/> gives generic parameters: their declared names for people, their positions for
/// comparing (a renamed type parameter changes nothing for a caller).
/// </summary>
internal sealed record SignatureContext(IReadOnlyList<string> TypeParameters, IReadOnlyList<string> MethodParameters)
{
    public SignatureContext WithMethodParameters(IReadOnlyList<string> methodParameters) => this with { MethodParameters = methodParameters };
}
