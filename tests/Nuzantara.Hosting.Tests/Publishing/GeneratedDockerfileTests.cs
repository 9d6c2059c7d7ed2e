using System.Text.Json.Nodes;
using Aspire.Hosting.Python;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.Publishing;

/// <summary>
/// Python and JavaScript apps whose folder has no Dockerfile, published as Aspire 13 does: a Dockerfile generated from
/// the app's files, written next to the published files and built with the app's folder as context.
/// </summary>
public sealed class GeneratedDockerfileTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> ScriptWithRequirements = new()
    {
        ["main.py"] = "print('hello')\n",
        ["requirements.txt"] = "opentelemetry-distro\n",
    };

    private static readonly Dictionary<string, string> UvicornWithUv = new()
    {
        ["main.py"] = "app = None\n",
        ["pyproject.toml"] = "[project]\nname = \"api\"\nversion = \"0.1.0\"\nrequires-python = \">=3.12\"\ndependencies = [\"fastapi\", \"uvicorn\"]\n",
        ["uv.lock"] = "version = 1\n",
    };

    private static readonly Dictionary<string, string> NodeApp = new()
    {
        ["app.js"] = "require('node:http').createServer((_, res) => res.end('ok')).listen(Number(process.env.PORT));\n",
        ["package.json"] = """{ "name": "node", "version": "1.0.0", "scripts": { "start": "node app.js", "dev": "nodemon app.js" }, "dependencies": { "express": "^5.2.1" } }""",
        ["package-lock.json"] = "{}",
    };

    private static readonly Dictionary<string, string> ViteApp = new()
    {
        ["package.json"] = """{ "name": "web", "version": "1.0.0", "scripts": { "dev": "vite", "build": "vite build" }, "devDependencies": { "vite": "^7.0.0" } }""",
        ["package-lock.json"] = "{}",
        ["index.html"] = "<!doctype html>\n",
    };

    [Fact]
    public async Task A_Python_script_with_requirements_is_published_as_the_image_of_a_generated_Dockerfile_that_pip_installs_them()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("job", ScriptWithRequirements);
        model.Builder.AddPythonApp("job", directory, "main.py");

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
        var job = JsonNode.Parse(manifest)!["resources"]!["job"]!;
        Assert.Equal("container.v1", (string?)job["type"]);
        Assert.Equal("""{"context":"../job","dockerfile":"job.Dockerfile"}""", job["build"]!.ToJsonString());
        Assert.Null(job["args"]);
        // Line for line the Dockerfile Aspire 13.1 generates for its playground's instrumented_script.
        Assert.Equal("""
            FROM python:3.13-slim-bookworm

            # ------------------------------
            # 🚀 Python Application
            # ------------------------------
            # Create non-root user for security
            RUN groupadd --system --gid 999 appuser && useradd --system --gid 999 --uid 999 --create-home appuser

            # Set working directory
            WORKDIR /app

            # Copy requirements.txt for dependency installation
            COPY requirements.txt /app/requirements.txt

            # Install dependencies using pip
            RUN apt-get update \
              && apt-get install -y --no-install-recommends build-essential \
              && pip install --no-cache-dir -r requirements.txt \
              && apt-get purge -y --auto-remove build-essential \
              && rm -rf /var/lib/apt/lists/*

            # Copy application files
            COPY --chown=appuser:appuser . /app

            # Set environment variables
            ENV PYTHONDONTWRITEBYTECODE=1
            ENV PYTHONUNBUFFERED=1

            # Use the non-root user to run the application
            USER appuser

            # Run the application
            ENTRYPOINT ["python","main.py"]

            """, model.Read("job.Dockerfile"));
        Assert.Equal(["main.py", "requirements.txt"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_uvicorn_app_with_uv_gets_a_uv_build_stage_and_runs_uvicorn_with_its_arguments_in_the_manifest()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("api", UvicornWithUv);
        model.Builder.AddUvicornApp("api", directory, "main:app").WithUv().WithExternalHttpEndpoints();

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
        var api = JsonNode.Parse(manifest)!["resources"]!["api"]!;
        Assert.Equal("container.v1", (string?)api["type"]);
        Assert.Equal("""{"context":"../api","dockerfile":"api.Dockerfile"}""", api["build"]!.ToJsonString());
        // As Aspire's manifest: the entrypoint is the image's, the arguments after it the container's, listening on every interface.
        Assert.Equal("""["main:app","--host","0.0.0.0","--port","{api.bindings.http.targetPort}"]""", api["args"]!.ToJsonString());
        var dockerfile = model.Read("api.Dockerfile");
        Assert.StartsWith("FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS builder\n", dockerfile);
        Assert.Contains("""
            RUN --mount=type=cache,target=/root/.cache/uv --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
                uv sync --locked --no-install-project --no-dev

            # Copy the rest of the application source and install the project
            COPY . /app
            RUN --mount=type=cache,target=/root/.cache/uv \
                uv sync --locked --no-dev

            FROM python:3.12-slim-bookworm AS app
            """, dockerfile);
        Assert.Contains("COPY --from=builder --chown=appuser:appuser /app /app\n", dockerfile);
        Assert.Contains("ENV PATH=/app/.venv/bin:${PATH}\n", dockerfile);
        Assert.EndsWith("USER appuser\n\n# Set working directory\nWORKDIR /app\n\n# Run the application\nENTRYPOINT [\"uvicorn\"]\n", dockerfile);
    }

    [Fact]
    public async Task A_Node_app_is_built_with_npm_ci_and_runs_its_script_as_the_node_user()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("node", NodeApp);
        model.Builder.AddNodeApp("node", directory, "app.js").WithRunScript("dev").WithHttpEndpoint(env: "PORT").WithExternalHttpEndpoints().PublishAsDockerFile();

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
        var node = JsonNode.Parse(manifest)!["resources"]!["node"]!;
        Assert.Equal("node.Dockerfile", (string?)node["build"]!["dockerfile"]);
        Assert.Null(node["args"]);
        // Line for line Aspire 13.1's for its playground's AspireJavaScript.NodeApp: the script, not the development run script.
        Assert.Equal("""
            FROM node:22-alpine AS build

            WORKDIR /app
            COPY package*.json ./
            RUN --mount=type=cache,target=/root/.npm npm ci
            COPY . .

            FROM node:22-alpine AS runtime

            WORKDIR /app
            COPY --from=build /app /app

            ENV NODE_ENV=production

            USER node

            ENTRYPOINT ["node","app.js"]

            """, model.Read("node.Dockerfile"));
    }

    [Fact]
    public async Task A_Vite_app_is_only_built_and_its_static_files_are_copied_into_the_image_of_the_app_that_serves_them()
    {
        await using var model = PublishedModel.For("manifest");
        // The app whose files another image takes is published as an image, as Aspire publishes every JavaScript app.
        var vite = model.Builder.AddViteApp("frontend", model.App("frontend", ViteApp));
        var api = model.Builder.AddUvicornApp("api", model.App("api", UvicornWithUv), "main:app").WithUv();
        api.PublishWithContainerFiles(vite, "./static");

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
        var frontend = JsonNode.Parse(manifest)!["resources"]!["frontend"]!;
        Assert.Equal("container.v1", (string?)frontend["type"]);
        Assert.Equal("""{"context":"../frontend","dockerfile":"frontend.Dockerfile","buildOnly":true}""", frontend["build"]!.ToJsonString());
        // Line for line Aspire 13.1's for its playground's AspireJavaScript.Vite.
        Assert.Equal("""
            FROM node:22-slim
            WORKDIR /app
            COPY package*.json ./
            RUN --mount=type=cache,target=/root/.npm npm ci
            COPY . .
            RUN npm run build

            """, model.Read("frontend.Dockerfile"));
        Assert.Contains("""
            ARG FRONTEND_IMAGENAME=frontend:latest
            FROM ${FRONTEND_IMAGENAME} AS frontend_stage

            FROM python:3.12-slim-bookworm AS app

            COPY --from=frontend_stage /app/dist /app/static

            """, model.Read("api.Dockerfile"));
    }

    [Fact]
    public async Task Compose_runs_no_service_for_an_image_only_built_for_its_files_and_says_how_to_build_it_first()
    {
        await using var model = PublishedModel.For("docker-compose");
        var vite = model.Builder.AddViteApp("frontend", model.App("frontend", ViteApp));
        var api = model.Builder.AddUvicornApp("api", model.App("api", UvicornWithUv), "main:app").WithUv().WaitFor(vite);
        api.PublishWithContainerFiles(vite, "./static");

        await model.PublishAsync(Token);

        var compose = model.Read("docker-compose.yaml");
        Assert.DoesNotContain("  frontend:", compose);
        Assert.DoesNotContain("depends_on", compose);
        Assert.Contains("COPY --from=frontend_stage /app/dist /app/static\n", model.Read("api.Dockerfile"));
        Assert.Contains("docker build -t frontend:latest -f frontend.Dockerfile ../frontend\nFRONTEND_IMAGE=frontend:latest", model.Read(".env"));
        Assert.True(File.Exists(Path.Combine(model.Output, "frontend.Dockerfile")));
    }

    [Fact]
    public async Task Kubernetes_gets_the_generated_Dockerfiles_and_deploys_only_the_images_that_run()
    {
        await using var model = PublishedModel.For("kubernetes");
        var vite = model.Builder.AddViteApp("frontend", model.App("frontend", ViteApp));
        var api = model.Builder.AddUvicornApp("api", model.App("api", UvicornWithUv), "main:app").WithUv();
        api.PublishWithContainerFiles(vite, "./static");

        await model.PublishAsync(Token);

        Assert.True(File.Exists(Path.Combine(model.Output, "api.Dockerfile")));
        Assert.True(File.Exists(Path.Combine(model.Output, "frontend.Dockerfile")));
        Assert.False(File.Exists(Path.Combine(model.Output, "frontend.yaml")));
        var deployment = model.Read("api.yaml");
        Assert.Contains("runAsUser: 999", deployment);
        Assert.Contains("- main:app", deployment);
    }

    [Fact]
    public async Task A_JavaScript_app_without_a_build_script_is_published_as_Aspire_does_with_a_warning_naming_the_app_and_what_to_add()
    {
        await using var model = PublishedModel.For("manifest");
        var logs = new CapturedLogs();
        model.Builder.Services.AddLogging(logging => logging.AddProvider(logs));
        var directory = model.App("web", new Dictionary<string, string> { ["package.json"] = """{ "name": "web", "scripts": { "start": "node server.js" } }""" });
        model.Builder.AddJavaScriptApp("web", directory, "start");

        await model.PublishAsync(Token);

        Assert.EndsWith("COPY . .\nRUN npm run build\n", model.Read("web.Dockerfile"));
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("'web' is published as the image", StringComparison.Ordinal));
        Assert.Contains($"{directory}/package.json has none or does not exist: building that image fails. Add a build script", warning.Message);
    }

    [Fact]
    public async Task A_Python_app_whose_entry_is_unknown_fails_naming_it_and_the_fix()
    {
        await using var model = PublishedModel.For("manifest");
        var directory = model.App("custom", ScriptWithRequirements);
        model.Builder.AddResource(new PythonAppResource("custom", "python3", directory));

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => model.PublishAsync(Token));

        Assert.Equal($"'custom' has no Dockerfile in {directory}, and publishing cannot generate one: it does not know what starts the app. " +
            "Add a Dockerfile there, or add the app with AddPythonApp, AddPythonModule, AddPythonExecutable or AddUvicornApp.", error.Message);
        Assert.False(File.Exists(Path.Combine(model.Output, "aspire-manifest.json")));
    }

    [Fact]
    public async Task An_app_with_a_Dockerfile_of_its_own_is_built_from_it_and_nothing_is_generated()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddPythonApp("job", model.App("job", new Dictionary<string, string>(ScriptWithRequirements) { ["Dockerfile"] = "FROM python:3.12\n" }), "main.py");

        await model.PublishAsync(Token);

        var job = JsonNode.Parse(model.Read("aspire-manifest.json"))!["resources"]!["job"]!;
        Assert.Equal("../job/Dockerfile", (string?)job["build"]!["dockerfile"]);
        Assert.False(File.Exists(Path.Combine(model.Output, "job.Dockerfile")));
    }

    [Fact]
    public async Task Compose_builds_the_generated_Dockerfile_from_the_output_folder_as_its_user_with_the_apps_folder_as_context()
    {
        await using var model = PublishedModel.For("docker-compose");
        var directory = model.App("job", ScriptWithRequirements);
        model.Builder.AddPythonModule("job", directory, "http.server").WithArgs("8080").WithHttpEndpoint(targetPort: 8080);

        await model.PublishAsync(Token);

        Assert.Contains("""
              job:
                image: ${JOB_IMAGE}
                build:
                  context: ../job
                  dockerfile: ../out/job.Dockerfile
                user: 999:999
                command:
                - "8080"
            """, model.Read("docker-compose.yaml"));
        Assert.EndsWith("ENTRYPOINT [\"python\",\"-m\",\"http.server\"]\n", model.Read("job.Dockerfile"));
        Assert.Equal(["main.py", "requirements.txt"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order());
    }
}
