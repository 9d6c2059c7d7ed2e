using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aspire.Hosting.ApplicationModel.Docker;

/// <summary>
/// A stage of a Dockerfile: its <c>FROM</c> and the instructions after it, in the order added. Each method adds one
/// instruction and returns the stage, so that a stage reads as the Dockerfile it writes.
/// </summary>
[Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
public class DockerfileStage : DockerfileStatement
{
    // The exec form (["app","--flag"]) as Docker reads it: JSON, without escaping what a shell would not.
    private static readonly JsonSerializerOptions ExecForm = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<DockerfileStatement> _statements = [];

    /// <param name="stageName">The name other stages copy from (<c>FROM image AS name</c>), or null for an unnamed stage.</param>
    /// <param name="imageReference">The image the stage starts from.</param>
    public DockerfileStage(string? stageName, string imageReference)
    {
        ArgumentException.ThrowIfNullOrEmpty(imageReference);
        StageName = stageName;
        _statements.Add(new DockerfileInstruction(stageName is null ? $"FROM {imageReference}" : $"FROM {imageReference} AS {stageName}"));
    }

    public string? StageName { get; }

    /// <summary>The stage's statements, its <c>FROM</c> first; statements of one's own may be added.</summary>
    public IList<DockerfileStatement> Statements => _statements;

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Arg(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Add($"ARG {name}");
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Arg(string name, string defaultValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(defaultValue);
        return Add($"ARG {name}={defaultValue}");
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage WorkDir(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Add($"WORKDIR {path}");
    }

    /// <summary>A shell-form <c>RUN</c>.</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Run(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return Add($"RUN {command}");
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Copy(string source, string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return Add($"COPY {source} {destination}");
    }

    /// <summary><c>COPY --from=<paramref name="from"/></c>: files of another stage or image.</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage CopyFrom(string from, string source, string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return Add($"COPY --from={from} {source} {destination}");
    }

    /// <summary><c>COPY --chown=<paramref name="chown"/></c> (<c>user[:group]</c>).</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Copy(string source, string destination, string chown)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentException.ThrowIfNullOrEmpty(chown);
        return Add($"COPY --chown={chown} {source} {destination}");
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage CopyFrom(string stage, string source, string destination, string chown)
    {
        ArgumentException.ThrowIfNullOrEmpty(stage);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentException.ThrowIfNullOrEmpty(chown);
        return Add($"COPY --from={stage} --chown={chown} {source} {destination}");
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Env(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return Add($"ENV {name}={value}");
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Expose(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        return Add($"EXPOSE {port}");
    }

    /// <summary>An exec-form <c>CMD</c>: no shell between the container and the program.</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Cmd(string[] command) => Add($"CMD {ExecFormOf(command)}");

    /// <summary>An exec-form <c>ENTRYPOINT</c>, so that the program gets the container's stop signal.</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Entrypoint(string[] command) => Add($"ENTRYPOINT {ExecFormOf(command)}");

    /// <summary>A <c>RUN</c> with BuildKit mounts (each as <c>--mount</c> takes it: <c>type=cache,target=/root/.cache</c>).</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage RunWithMounts(string command, params string[] mounts)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(mounts);
        return Add(new DockerfileInstruction($"RUN {string.Join(' ', mounts.Select(m => $"--mount={m}"))} \\", $"    {command}"));
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage User(string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        return Add($"USER {user}");
    }

    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage EmptyLine() => Add(string.Empty);

    /// <summary>A comment; each line of a multi-line one becomes a comment line.</summary>
    [Experimental("ASPIREDOCKERFILEBUILDER001", UrlFormat = "https://aka.ms/aspire/diagnostics/{0}")]
    public DockerfileStage Comment(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return Add(new DockerfileInstruction([.. comment.ReplaceLineEndings("\n").Split('\n').Select(line => $"# {line}")]));
    }

    public override async Task WriteStatementAsync(StreamWriter writer, CancellationToken cancellationToken = default)
    {
        foreach (var statement in _statements)
        {
            await statement.WriteStatementAsync(writer, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ExecFormOf(string[] command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length == 0)
        {
            throw new ArgumentException("The command needs at least the program to run.", nameof(command));
        }

        return JsonSerializer.Serialize(command, ExecForm);
    }

    private DockerfileStage Add(string line) => Add(new DockerfileInstruction(line));

    private DockerfileStage Add(DockerfileStatement statement)
    {
        _statements.Add(statement);
        return this;
    }
}
