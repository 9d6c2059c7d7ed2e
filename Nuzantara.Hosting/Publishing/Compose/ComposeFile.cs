namespace Nuzantara.Hosting.Publishing.Compose;

/// <summary>
/// The part of the Compose Specification the publisher writes, serialised as docker-compose.yaml (no <c>version</c>:
/// docker-compose 1.27+ and <c>docker compose</c> v2 read it as the specification). Property names become snake_case.
/// </summary>
internal sealed class ComposeFile
{
    public Dictionary<string, ComposeService> Services { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ComposeNetwork> Networks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ComposeVolume>? Volumes { get; set; }

    public Dictionary<string, ComposeSecret>? Secrets { get; set; }
}

internal sealed class ComposeService
{
    public string? Image { get; set; }

    public ComposeBuild? Build { get; set; }

    /// <summary><c>uid[:gid]</c>, where the image runs as a known non-root user (<see cref="ContainerUser"/>).</summary>
    public string? User { get; set; }

    public List<string>? Entrypoint { get; set; }

    public List<string>? Command { get; set; }

    public Dictionary<string, string>? Environment { get; set; }

    /// <summary><c>host:container</c> port pairs, for external endpoints.</summary>
    public List<string>? Ports { get; set; }

    /// <summary>Container ports reachable on the network only.</summary>
    public List<string>? Expose { get; set; }

    /// <summary><c>source:target[:ro]</c>: a named volume, a host path, or a file of the output folder (<c>./…</c>).</summary>
    public List<string>? Volumes { get; set; }

    /// <summary>Secrets mounted as files at their targets.</summary>
    public List<ComposeServiceSecret>? Secrets { get; set; }

    public Dictionary<string, ComposeDependency>? DependsOn { get; set; }

    public ComposeHealthcheck? Healthcheck { get; set; }

    public string Restart { get; set; } = "unless-stopped";

    public List<string> Networks { get; set; } = [];
}

internal sealed class ComposeBuild
{
    public required string Context { get; set; }

    /// <summary>Relative to <see cref="Context"/>.</summary>
    public string Dockerfile { get; set; } = "Dockerfile";

    /// <summary>The stage of a multi-stage Dockerfile.</summary>
    public string? Target { get; set; }

    public Dictionary<string, string?>? Args { get; set; }

    /// <summary>Build secrets: <see cref="ComposeServiceSecret.Target"/> is the id the Dockerfile mounts (<c>RUN --mount=type=secret,id=…</c>).</summary>
    public List<ComposeServiceSecret>? Secrets { get; set; }
}

internal sealed class ComposeDependency
{
    /// <summary><c>service_started</c>, <c>service_healthy</c> or <c>service_completed_successfully</c>.</summary>
    public required string Condition { get; set; }
}

internal sealed class ComposeHealthcheck
{
    public required List<string> Test { get; set; }

    public string Interval { get; set; } = "10s";

    public string Timeout { get; set; } = "5s";

    public int Retries { get; set; } = 5;

    /// <summary>Failures while the service starts (migrations, JIT, cluster init) do not count.</summary>
    public string StartPeriod { get; set; } = "20s";
}

internal sealed class ComposeNetwork
{
    public string Driver { get; set; } = "bridge";
}

/// <summary>
/// A secret's source: a file next to the Compose file, or a variable of the environment (and .env) Compose runs in (a
/// build secret). Without swarm, docker-compose bind-mounts a file secret, so it keeps its owner and mode on the host,
/// and refuses to start while the file is missing.
/// </summary>
internal sealed class ComposeSecret
{
    public string? File { get; set; }

    public string? Environment { get; set; }
}

internal sealed class ComposeServiceSecret
{
    public required string Source { get; set; }

    public required string Target { get; set; }
}

/// <summary>A named volume with the engine's defaults (serialised as <c>{}</c>).</summary>
internal sealed class ComposeVolume;
