using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nuzantara.Hosting.Publishing.Dockerfiles;

/// <summary>A Dockerfile written line by line, in the layout of Aspire's generated ones (a blank line between groups).</summary>
internal sealed class DockerfileText
{
    private static readonly JsonSerializerOptions ExecForm = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly StringBuilder _text = new();

    public DockerfileText Line(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    public DockerfileText Blank() => Line(string.Empty);

    public DockerfileText Comment(string comment) => Line($"# {comment}");

    /// <summary>The exec form (<c>["python","main.py"]</c>): no shell between the container and the app, so it gets the stop signal.</summary>
    public DockerfileText Entrypoint(params string[] command) => Line($"ENTRYPOINT {JsonSerializer.Serialize(command, ExecForm)}");

    public override string ToString() => _text.ToString();
}
