using Aspire.Hosting.Python;

namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// What starts a Python app, for the Dockerfile publishing generates when its folder has none: the image's entrypoint
/// is the entry, and the model's arguments after the first <see cref="ModelArgumentCount"/> (which say the same on this
/// machine: the script path, <c>-m module</c>) are the container's arguments.
/// </summary>
internal sealed record PythonEntrypointAnnotation(EntrypointType Type, string Entrypoint, int ModelArgumentCount) : IResourceAnnotation;
