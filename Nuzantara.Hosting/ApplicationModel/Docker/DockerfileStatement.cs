using System.Diagnostics.CodeAnalysis;

namespace Aspire.Hosting.ApplicationModel.Docker;

/// <summary>One statement of a Dockerfile built with <see cref="DockerfileBuilder"/>: a stage, or an instruction of one.</summary>
[Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public abstract class DockerfileStatement
{
    protected DockerfileStatement()
    {
    }

    /// <summary>Writes the statement, each line ended by the writer's <see cref="TextWriter.NewLine"/>.</summary>
    public abstract Task WriteStatementAsync(StreamWriter writer, CancellationToken cancellationToken = default);
}
