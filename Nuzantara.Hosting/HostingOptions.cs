namespace Nuzantara.Hosting;

public enum RuntimeKind
{
    Auto,
    Process,
    Container,
}

/// <summary>
/// Settings of the engine itself, from the <c>Nuzantara</c> configuration section (appsettings, environment, command line).
/// Each property is read, and checked at start, by its row in <see cref="HostingSettings.All"/>.
/// </summary>
public sealed class HostingOptions
{
    public const string SectionName = "Nuzantara";

    /// <summary><c>--runtime process|container|auto</c>: auto uses a container engine when one answers.</summary>
    public RuntimeKind Runtime { get; set; } = RuntimeKind.Auto;

    /// <summary>Data, generated configuration and the process state file. Default: <c>.nuzantara/</c> in the AppHost folder.</summary>
    public string StateDirectory { get; set; } = string.Empty;

    /// <summary>Where generated secrets are kept, outside the repository. Default: <c>~/.config/nuzantara/&lt;apphost&gt;/secrets.json</c>.</summary>
    public string SecretsPath { get; set; } = string.Empty;

    /// <summary>Every endpoint gets a free port instead of its declared one (the testing harness sets this).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Install missing native binaries with the OS package manager. <c>NUZANTARA_AUTO_INSTALL=0</c> turns it off.</summary>
    public bool AutoInstall { get; set; } = true;

    /// <summary>The address every endpoint binds to.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public int DashboardPort { get; set; } = 18888;

    public int OtlpGrpcPort { get; set; } = 18889;

    public int OtlpHttpPort { get; set; } = 18890;

    /// <summary>How long WaitFor waits for a dependency to become healthy before the waiting resource fails to start.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a resource gets to stop after its stop signal before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Show the live resource table while starting (off when the console is redirected).</summary>
    public bool LiveConsole { get; set; } = true;

    /// <summary>Echo what each resource prints to the AppHost's console, prefixed with the resource name.</summary>
    public bool EchoResourceLogs { get; set; } = true;
}
