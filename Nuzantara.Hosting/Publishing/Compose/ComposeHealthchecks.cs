namespace Nuzantara.Hosting.Publishing.Compose;

/// <summary>
/// Compose runs a health check inside the container, so each probe is written with a tool its image has. The test
/// is literal text: <c>$</c> is escaped by the caller like every other literal of the file.
/// </summary>
internal static class ComposeHealthchecks
{
    public static List<string>? Test(DeployedResource resource) => resource.Probe switch
    {
        CommandProbe command => ["CMD-SHELL", command.ShellCommand],
        HttpProbe http => HttpTest(resource.Resource, http.Endpoint.TargetPort, http.ReadinessPath),
        _ => null,
    };

    private static List<string>? HttpTest(IResource resource, int port, string path)
    {
        var url = $"http://127.0.0.1:{port}{path}";
        return Tool(resource) switch
        {
            HttpCheckTool.None => null,
            HttpCheckTool.Bash => ["CMD", "bash", "-c", BashHttpGet(port, path)],
            HttpCheckTool.Python => ["CMD", "python3", "-c", $"import urllib.request; urllib.request.urlopen('{url}', timeout=3)"],
            // The Prometheus ecosystem's images are busybox based, with wget; the same images made from Debian's packages
            // where no registry is reachable (images/build.sh) have bash instead.
            _ => ["CMD-SHELL", $"if command -v wget >/dev/null; then wget -q -O /dev/null {url}; else bash -c \"{BashHttpGet(port, path)}\"; fi"],
        };
    }

    /// <summary>What the integration says its image has; .NET runtime images have bash but neither curl nor wget.</summary>
    private static HttpCheckTool Tool(IResource resource) =>
        resource.OfAnnotation<HttpCheckToolAnnotation>().LastOrDefault()?.Tool ?? (resource is ProjectResource ? HttpCheckTool.Bash : HttpCheckTool.WgetOrBash);

    /// <summary>HTTP/1.0 over bash's <c>/dev/tcp</c>: succeeds on a 200.</summary>
    private static string BashHttpGet(int port, string path) =>
        $"exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET {path} HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '";
}
