using System.Text.RegularExpressions;

namespace Nuzantara.AspireCorpus;

/// <summary>
/// Names the API a compiler error says is missing: <c>AddRabbitMQ</c>, <c>type ContainerLifetime</c>,
/// <c>WithHttpHealthCheck(statusCode:)</c>, <c>package CommunityToolkit.Aspire.Hosting.Ollama</c>. Errors that name no
/// API (a conversion, a syntax error) keep their code and message, so they are still counted.
/// </summary>
public static partial class MissingApi
{
    public static string Of(string code, string message) => code switch
    {
        "CS1061" or "CS0117" when Member().Match(message) is { Success: true } m => m.Groups["member"].Value,
        "CS0246" when TypeName().Match(message) is { Success: true } m => $"type {m.Groups["name"].Value}",
        "CS0234" when NamespaceMember().Match(message) is { Success: true } m => $"{m.Groups["namespace"].Value}.{m.Groups["name"].Value}",
        "CS0103" when Name().Match(message) is { Success: true } m => m.Groups["name"].Value,
        "CS1501" when Overload().Match(message) is { Success: true } m => $"{m.Groups["method"].Value}({m.Groups["count"].Value} arguments)",
        "CS1739" when NamedParameter().Match(message) is { Success: true } m => $"{m.Groups["method"].Value}({m.Groups["parameter"].Value}:)",
        "CS7036" when RequiredParameter().Match(message) is { Success: true } m => $"{Simple(m.Groups["method"].Value)}({m.Groups["parameter"].Value}:)",
        "NU1100" or "NU1101" or "NU1102" or "NU1103" when Package().Match(message) is { Success: true } m => $"package {m.Groups["package"].Value.TrimEnd('.')}",
        "" => Shorten(message),
        _ => $"{code}: {Shorten(message)}",
    };

    // Keeps the method of "IResourceBuilder<T>.WithX(…)" or "ResourceBuilderExtensions.WithX<T>(…)".
    private static string Simple(string method)
    {
        var name = method.Split('(')[0];
        name = name[(name.LastIndexOf('.') + 1)..];
        return name.Split('<')[0];
    }

    private static string Shorten(string message) => message.Length <= 140 ? message : message[..140] + "…";

    [GeneratedRegex(@"does not contain a definition for '(?<member>[^']+)'")]
    private static partial Regex Member();

    [GeneratedRegex(@"type or namespace name '(?<name>[^']+)' could not be found")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"type or namespace name '(?<name>[^']+)' does not exist in the namespace '(?<namespace>[^']+)'")]
    private static partial Regex NamespaceMember();

    [GeneratedRegex(@"The name '(?<name>[^']+)' does not exist in the current context")]
    private static partial Regex Name();

    [GeneratedRegex(@"No overload for method '(?<method>[^']+)' takes (?<count>\d+) arguments")]
    private static partial Regex Overload();

    [GeneratedRegex(@"The best overload for '(?<method>[^']+)' does not have a parameter named '(?<parameter>[^']+)'")]
    private static partial Regex NamedParameter();

    [GeneratedRegex(@"required parameter '(?<parameter>[^']+)' of '(?<method>[^']+)'")]
    private static partial Regex RequiredParameter();

    [GeneratedRegex(@"(?:Unable to find package |Unable to resolve ')(?<package>[\w.\-]+)")]
    private static partial Regex Package();
}
