using Nuzantara.AspireCorpus;

// tools/aspire-corpus/check.sh [--scratch DIR] [--no-publish] [--online] [--define SYMBOL] [--markdown FILE] [--real-aspire] [--run] DIR [DIR…]
const string Usage = "usage: check.sh [--scratch DIR] [--no-publish] [--online] [--define SYMBOL] [--markdown FILE] [--real-aspire] [--run] DIR [DIR…]";

var folders = new List<string>();
string? scratch = null;
string? markdown = null;
var publish = true;
var offline = true;
var realAspire = false;
var run = false;
var defines = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--scratch" when i + 1 < args.Length:
            scratch = args[++i];
            break;
        case "--markdown" when i + 1 < args.Length:
            markdown = args[++i];
            break;
        case "--define" when i + 1 < args.Length:
            defines.Add(args[++i]);
            break;
        case "--no-publish":
            publish = false;
            break;
        case "--online":
            offline = false;
            break;
        case "--real-aspire":
            realAspire = true;
            break;
        case "--run":
            run = true;
            break;
        case var option when option.StartsWith("--", StringComparison.Ordinal):
            Console.Error.WriteLine($"Unknown option '{option}'. {Usage}");
            return 2;
        default:
            folders.Add(args[i]);
            break;
    }
}

if (folders.Count == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

scratch ??= Path.Combine(Path.GetTempPath(), "nuzantara-aspire-corpus", Guid.NewGuid().ToString("N")[..8]);
Console.Error.WriteLine($"Scratch copies, generated projects and manifests: {scratch}");
CorpusResult result;
string report;
try
{
    result = await new CorpusChecker(CorpusChecker.FindEngineRoot()).CheckAsync(folders, new CorpusOptions(Path.GetFullPath(scratch), publish, offline, defines, run));
    report = CorpusReport.Markdown(result);
    if (realAspire)
    {
        report += Environment.NewLine + await RealAspireComparisonReport.MarkdownAsync(result, folders, Path.GetFullPath(scratch));
    }
}
finally
{
    await CompilerServer.ShutdownAsync();
}

Console.WriteLine(report);
if (markdown is not null)
{
    await File.WriteAllTextAsync(markdown, report);
}

var allGood = result.Projects.All(p => p.Compiles && (p.Manifest is null || p.ManifestValid) && (p.Run is null || p.Run.AllUp));
return allGood ? 0 : 1;
