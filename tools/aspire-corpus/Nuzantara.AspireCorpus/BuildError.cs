using System.Text.RegularExpressions;

namespace Nuzantara.AspireCorpus;

/// <summary>One error line of an MSBuild run (<c>file(line,col): error CS1061: message [project]</c>); its code may be empty.</summary>
public sealed partial record BuildError(string Project, string Location, string Code, string Message)
{
    /// <summary>Every error line of an MSBuild log, each once.</summary>
    public static IReadOnlyList<BuildError> ParseAll(string log) => log.Split('\n').Select(Parse).OfType<BuildError>().Distinct().ToList();

    public static BuildError? Parse(string line)
    {
        var match = ErrorLine().Match(line.Trim());
        if (!match.Success)
        {
            return null;
        }

        // A solution build appends the target framework to the project: [/x/A.csproj::TargetFramework=net10.0].
        var project = match.Groups["project"].Value.Split("::")[0];
        var location = match.Groups["location"].Value.Trim();
        // A solution's restore names the solution in brackets and the project whose restore failed as the location.
        if (!project.EndsWith("proj", StringComparison.OrdinalIgnoreCase) && location.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
        {
            project = location;
        }

        return new BuildError(project, location, match.Groups["code"].Value, match.Groups["message"].Value.Trim());
    }

    /// <summary>What the error says is missing, named as a reader of the AppHost would look it up (see <see cref="MissingApi"/>).</summary>
    public string MissingApi => AspireCorpus.MissingApi.Of(Code, Message);

    // An MSBuild task's error may have no code ("error : Project '…' targets 'net10.0-windows'…").
    [GeneratedRegex(@"^(?<location>.*?):\s*error\s*(?<code>[A-Z]+\d+)?\s*:\s*(?<message>.*?)\s*\[(?<project>[^\]]+)\]$")]
    private static partial Regex ErrorLine();
}
