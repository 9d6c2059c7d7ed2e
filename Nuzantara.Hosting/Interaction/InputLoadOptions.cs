using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting;

/// <summary>How Aspire's dashboard fills an input's options or value from others; kept, never run here (no prompt).</summary>
[Experimental("ASPIREINTERACTION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public sealed class InputLoadOptions
{
    public required Func<LoadInputContext, Task> LoadCallback { get; init; }

    public bool AlwaysLoadOnStart { get; init; }

    public IReadOnlyList<string>? DependsOnInputs { get; init; }
}

/// <summary>What <see cref="InputLoadOptions.LoadCallback"/> is given.</summary>
[Experimental("ASPIREINTERACTION001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public sealed class LoadInputContext
{
    public required InteractionInputCollection AllInputs { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    public required InteractionInput Input { get; init; }

    public required IServiceProvider Services { get; init; }
}
