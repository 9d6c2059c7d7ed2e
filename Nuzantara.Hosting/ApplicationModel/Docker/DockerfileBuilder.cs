using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting.ApplicationModel.Docker;

/// <summary>
/// A Dockerfile written in code (WithDockerfileBuilder): global <c>ARG</c>s, then stages, each started with
/// <see cref="From(string)"/>. Written as Aspire writes it: the global arguments and a blank line, then the stages
/// with a blank line between them.
/// </summary>
[Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public class DockerfileBuilder
{
    private readonly List<DockerfileStage> _stages = [];
    private readonly List<DockerfileStatement> _globalArgs = [];

    public IReadOnlyList<DockerfileStage> Stages => _stages.AsReadOnly();

    /// <summary>An <c>ARG</c> before the first <c>FROM</c>, which the <c>FROM</c> lines may use (<c>FROM node:${NODE_VERSION}</c>).</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileBuilder Arg(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _globalArgs.Add(new DockerfileInstruction($"ARG {name}"));
        return this;
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileBuilder Arg(string name, string defaultValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(defaultValue);
        _globalArgs.Add(new DockerfileInstruction($"ARG {name}={defaultValue}"));
        return this;
    }

    /// <summary>Starts a stage named <paramref name="stageName"/>, which later stages can copy from.</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage From(string image, string stageName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stageName);
        return AddStage(new DockerfileStage(stageName, image));
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage From(string image) => AddStage(new DockerfileStage(null, image));

    public async Task WriteAsync(StreamWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var arg in _globalArgs)
        {
            await arg.WriteStatementAsync(writer, cancellationToken).ConfigureAwait(false);
        }

        if (_globalArgs.Count > 0)
        {
            await writer.WriteLineAsync().ConfigureAwait(false);
        }

        for (var i = 0; i < _stages.Count; i++)
        {
            if (i > 0)
            {
                await writer.WriteLineAsync().ConfigureAwait(false);
            }

            await _stages[i].WriteStatementAsync(writer, cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private DockerfileStage AddStage(DockerfileStage stage)
    {
        _stages.Add(stage);
        return stage;
    }
}
