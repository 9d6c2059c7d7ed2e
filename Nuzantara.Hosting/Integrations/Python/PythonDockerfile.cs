using System.Text.RegularExpressions;
using Aspire.Hosting.Python;
using Nuzantara.Hosting.ApplicationModel;

namespace Nuzantara.Hosting.Publishing.Dockerfiles;

/// <summary>
/// The Dockerfile Aspire generates for a Python app without one: with uv (WithUv), a uv build stage that syncs the
/// project into <c>/app/.venv</c> and a slim runtime stage; otherwise one slim stage that pip-installs requirements.txt
/// or the pyproject.toml project. Both run as a non-root user with the app's entry as the image's entrypoint.
/// </summary>
internal static partial class PythonDockerfile
{
    /// <summary>Aspire's when the app's files name none.</summary>
    public const string DefaultPythonVersion = "3.13";

    private const string CreateUser = "groupadd --system --gid 999 appuser && useradd --system --gid 999 --uid 999 --create-home appuser";

    public static string Render(PythonAppResource app, ContainerFilesStages containerFiles)
    {
        if (!app.TryGetLastAnnotation<PythonEntrypointAnnotation>(out var entry))
        {
            throw new DistributedApplicationException(
                $"'{app.Name}' has no Dockerfile in {app.WorkingDirectory}, and publishing cannot generate one: it does not know what starts the app. " +
                "Add a Dockerfile there, or add the app with AddPythonApp, AddPythonModule, AddPythonExecutable or AddUvicornApp.");
        }

        var version = Version(app.WorkingDirectory);
        var dockerfile = new DockerfileText();
        if (app.OfAnnotation<UvEnvironmentAnnotation>().Any())
        {
            WriteUv(dockerfile, app, version, containerFiles);
        }
        else
        {
            WritePip(dockerfile, app, version, containerFiles);
        }

        return dockerfile.Comment("Run the application").Entrypoint(entry.Type switch
        {
            EntrypointType.Script => ["python", entry.Entrypoint],
            EntrypointType.Module => ["python", "-m", entry.Entrypoint],
            _ => [entry.Entrypoint],
        }).ToString();
    }

    /// <summary>As Aspire: <c>.python-version</c>, else the version pyproject.toml's requires-python starts from, else <see cref="DefaultPythonVersion"/>.</summary>
    private static string Version(string appDirectory)
    {
        var versionFile = Path.Combine(appDirectory, ".python-version");
        if (File.Exists(versionFile) && File.ReadAllText(versionFile).Trim() is { Length: > 0 } pinned)
        {
            return pinned;
        }

        var pyproject = Path.Combine(appDirectory, "pyproject.toml");
        return File.Exists(pyproject) && RequiresPython().Match(File.ReadAllText(pyproject)) is { Success: true } match
            ? match.Groups[1].Value
            : DefaultPythonVersion;
    }

    private static void WriteUv(DockerfileText dockerfile, PythonAppResource app, string version, ContainerFilesStages containerFiles)
    {
        dockerfile.Line($"FROM ghcr.io/astral-sh/uv:python{version}-bookworm-slim AS builder").Blank()
            .Comment("Enable bytecode compilation and copy mode for the virtual environment")
            .Line("ENV UV_COMPILE_BYTECODE=1").Line("ENV UV_LINK_MODE=copy").Blank()
            .Line("WORKDIR /app").Blank();

        // A lock file makes the build reproducible; without one, uv resolves pyproject.toml's ranges.
        var locked = File.Exists(Path.Combine(app.WorkingDirectory, "uv.lock")) ? " --locked" : string.Empty;
        if (locked.Length > 0)
        {
            dockerfile.Comment("Install dependencies first for better layer caching")
                .Comment("Uses BuildKit cache mounts to speed up repeated builds")
                .Line("RUN --mount=type=cache,target=/root/.cache/uv --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\")
                .Line($"    uv sync{locked} --no-install-project --no-dev");
        }
        else
        {
            dockerfile.Comment("Copy pyproject.toml to install dependencies").Line("COPY pyproject.toml /app/").Blank()
                .Comment("Install dependencies and generate lock file")
                .Comment("Uses BuildKit cache mount to speed up repeated builds")
                .Line("RUN --mount=type=cache,target=/root/.cache/uv \\")
                .Line("    uv sync --no-install-project --no-dev");
        }

        dockerfile.Blank()
            .Comment("Copy the rest of the application source and install the project")
            .Line("COPY . /app")
            .Line("RUN --mount=type=cache,target=/root/.cache/uv \\")
            .Line($"    uv sync{locked} --no-dev").Blank();

        containerFiles.WriteStages(dockerfile);
        dockerfile.Line($"FROM python:{version}-slim-bookworm AS app").Blank();
        containerFiles.WriteCopies(dockerfile, "/app");
        dockerfile.Comment("------------------------------").Comment("🚀 Runtime stage").Comment("------------------------------")
            .Comment("Create non-root user for security").Line($"RUN {CreateUser}").Blank()
            .Comment("Copy the application and virtual environment from builder")
            .Line("COPY --from=builder --chown=appuser:appuser /app /app").Blank()
            .Comment("Add virtual environment to PATH and set VIRTUAL_ENV")
            .Line("ENV PATH=/app/.venv/bin:${PATH}").Line("ENV VIRTUAL_ENV=/app/.venv")
            .Line("ENV PYTHONDONTWRITEBYTECODE=1").Line("ENV PYTHONUNBUFFERED=1").Blank()
            .Comment("Use the non-root user to run the application").Line("USER appuser").Blank()
            .Comment("Set working directory").Line("WORKDIR /app").Blank();
    }

    private static void WritePip(DockerfileText dockerfile, PythonAppResource app, string version, ContainerFilesStages containerFiles)
    {
        containerFiles.WriteStages(dockerfile);
        dockerfile.Line($"FROM python:{version}-slim-bookworm").Blank();
        containerFiles.WriteCopies(dockerfile, "/app");
        dockerfile.Comment("------------------------------").Comment("🚀 Python Application").Comment("------------------------------")
            .Comment("Create non-root user for security").Line($"RUN {CreateUser}").Blank()
            .Comment("Set working directory").Line("WORKDIR /app").Blank();

        // The dependency files first, so that a change to the code alone reuses the installed packages' layer.
        var (file, install) = File.Exists(Path.Combine(app.WorkingDirectory, "requirements.txt")) ? ("requirements.txt", "-r requirements.txt")
            : File.Exists(Path.Combine(app.WorkingDirectory, "pyproject.toml")) ? ("pyproject.toml", ".")
            : (null, null);
        if (file is not null)
        {
            dockerfile.Comment($"Copy {file} for dependency installation").Line($"COPY {file} /app/{file}").Blank()
                .Comment("Install dependencies using pip")
                .Line("RUN apt-get update \\")
                .Line("  && apt-get install -y --no-install-recommends build-essential \\")
                .Line($"  && pip install --no-cache-dir {install} \\")
                .Line("  && apt-get purge -y --auto-remove build-essential \\")
                .Line("  && rm -rf /var/lib/apt/lists/*").Blank();
        }

        dockerfile.Comment("Copy application files").Line("COPY --chown=appuser:appuser . /app").Blank()
            .Comment("Set environment variables").Line("ENV PYTHONDONTWRITEBYTECODE=1").Line("ENV PYTHONUNBUFFERED=1").Blank()
            .Comment("Use the non-root user to run the application").Line("USER appuser").Blank();
    }

    [GeneratedRegex(@"^\s*requires-python\s*=\s*[""'](?:>=|==|~=)?\s*(\d+\.\d+)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex RequiresPython();
}
