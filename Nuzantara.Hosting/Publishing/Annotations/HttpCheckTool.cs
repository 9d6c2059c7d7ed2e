namespace Nuzantara.Hosting.Publishing;

/// <summary>What a container image has to run an HTTP health check with, inside the container (Compose runs checks there).</summary>
internal enum HttpCheckTool
{
    /// <summary><c>wget</c> where the image has it (busybox based), else bash: the default.</summary>
    WgetOrBash,

    /// <summary>bash's <c>/dev/tcp</c> only (the .NET runtime images have neither curl nor wget).</summary>
    Bash,

    /// <summary>Python's <c>urllib</c>.</summary>
    Python,

    /// <summary>Nothing (an image built FROM scratch): the container gets no health check.</summary>
    None,
}
