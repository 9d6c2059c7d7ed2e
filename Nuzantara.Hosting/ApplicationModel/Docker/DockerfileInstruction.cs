#pragma warning disable ASPIREDOCKERFILEBUILDER001

namespace Aspire.Hosting.ApplicationModel.Docker;

/// <summary>An instruction whose text is known when it is added (<c>RUN …</c>, <c>COPY …</c>, a comment): written as its lines.</summary>
internal sealed class DockerfileInstruction(params string[] lines) : DockerfileStatement
{
    public override async Task WriteStatementAsync(StreamWriter writer, CancellationToken cancellationToken = default)
    {
        foreach (var line in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(line).ConfigureAwait(false);
        }
    }
}
