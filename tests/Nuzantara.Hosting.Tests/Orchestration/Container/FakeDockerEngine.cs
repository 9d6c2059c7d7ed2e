using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Tests.Orchestration.Container;

/// <summary>
/// Just enough of the Docker Engine API, on a unix socket, to drive the container runtime through Docker.DotNet:
/// ping, image inspect, pull and build, container list, create, start, logs (multiplexed), wait, stop, kill and remove.
/// Containers run nothing; a test ends them with <see cref="Exit"/> or through stop/kill. No engine is started.
/// </summary>
internal sealed partial class FakeDockerEngine : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeContainer> _containers = new();
    private readonly ConcurrentDictionary<string, bool> _images = new();

    private FakeDockerEngine(string socketPath)
    {
        SocketPath = socketPath;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public string SocketPath { get; }

    public string DockerHost => $"unix://{SocketPath}";

    /// <summary>Every request as "METHOD /path?query", in order, without the API version prefix.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Image builds: their query (tag, Dockerfile, target, build arguments) and the files of the context sent.</summary>
    public ConcurrentQueue<(string Query, List<string> ContextFiles)> Builds { get; } = new();

    /// <summary>The Dockerfile each build was sent (the context's entry its query names), in build order.</summary>
    public ConcurrentQueue<string?> BuiltDockerfiles { get; } = new();

    /// <summary>Bodies of container-create requests, by container name.</summary>
    public ConcurrentDictionary<string, JsonNode> Created { get; } = new();

    /// <summary>When set, container-create answers with this status and message instead of creating.</summary>
    public (int Status, string Message)? CreateFailure { get; set; }

    /// <summary>What every container prints on stdout and stderr before its log stream waits for the exit.</summary>
    public IReadOnlyList<(bool IsError, string Text)> Output { get; set; } = [(false, "Ready to accept connections tcp\n"), (true, "warning: ünïcode on stderr\n")];

    public static async Task<FakeDockerEngine> StartAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var engine = new FakeDockerEngine(Path.Combine(directory, "docker.sock"));
        await engine._app.StartAsync(cancellationToken);
        return engine;
    }

    public void AddImage(string fullName) => _images[fullName] = true;

    /// <summary>A container as a previous run would have left it.</summary>
    public string AddContainer(string name, IReadOnlyDictionary<string, string> labels)
    {
        var container = new FakeContainer(Guid.NewGuid().ToString("N"), name, new Dictionary<string, string>(labels)) { State = "exited" };
        _containers[container.Id] = container;
        return container.Id;
    }

    public bool HasContainer(string nameOrId) => Find(nameOrId) is not null;

    public string IdOf(string name) => Find(name)?.Id ?? throw new InvalidOperationException($"No container named {name}.");

    /// <summary>The container's main process ends with <paramref name="exitCode"/>: its log stream closes and its waiters return.</summary>
    public void Exit(string nameOrId, int exitCode) => Find(nameOrId)?.Exit(exitCode);

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers.Values)
        {
            container.Exit(137);
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private FakeContainer? Find(string nameOrId) =>
        _containers.TryGetValue(nameOrId, out var byId) ? byId : _containers.Values.FirstOrDefault(c => c.Name == nameOrId);

    private async Task HandleAsync(HttpContext context)
    {
        var path = ApiVersion().Replace(context.Request.Path.Value ?? "/", string.Empty);
        var method = context.Request.Method;
        Requests.Enqueue($"{method} {path}{context.Request.QueryString}");
        var query = context.Request.Query;

        if (path == "/_ping")
        {
            await context.Response.WriteAsync("OK");
            return;
        }

        if (method == "GET" && ImageInspect().Match(path) is { Success: true } inspect)
        {
            var name = inspect.Groups["name"].Value;
            await (_images.ContainsKey(name) ? Json(context, 200, new { Id = "sha256:" + new string('a', 64), RepoTags = new[] { name } }) : Error(context, 404, $"No such image: {name}"));
            return;
        }

        if (method == "POST" && path == "/images/create")
        {
            var image = $"{query["fromImage"]}:{query["tag"]}";
            context.Response.ContentType = "application/json";
            foreach (var line in new object[]
            {
                new { status = $"Pulling from {query["fromImage"]}", id = (string)query["tag"]! },
                new { status = "Downloading", progressDetail = new { current = 1, total = 2 }, progress = "[=>    ]", id = "layer1" },
                new { status = "Pull complete", id = "layer1" },
                new { status = $"Status: Downloaded newer image for {image}" },
            })
            {
                await context.Response.WriteAsync(JsonSerializer.Serialize(line) + "\n");
            }

            _images[image] = true;
            return;
        }

        if (method == "POST" && path == "/build")
        {
            // The context arrives as a tar stream; the test reads which files it held.
            using var buildContext = new MemoryStream();
            await context.Request.Body.CopyToAsync(buildContext);
            buildContext.Position = 0;
            var files = new List<string>();
            string? dockerfile = null;
            using (var tar = new System.Formats.Tar.TarReader(buildContext))
            {
                while (await tar.GetNextEntryAsync() is { } entry)
                {
                    files.Add(entry.Name);
                    if (entry.Name == query["dockerfile"].ToString() && entry.DataStream is { } data)
                    {
                        dockerfile = await new StreamReader(data).ReadToEndAsync();
                    }
                }
            }

            Builds.Enqueue((context.Request.QueryString.Value ?? string.Empty, files));
            BuiltDockerfiles.Enqueue(dockerfile);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { stream = "Step 1/1 : FROM debian:bookworm-slim\n" }) + "\n");
            _images[query["t"].ToString()] = true;
            return;
        }

        if (method == "GET" && path == "/containers/json")
        {
            var filters = query["filters"].ToString();
            var labels = string.IsNullOrEmpty(filters) ? [] : JsonNode.Parse(filters)!["label"]!.AsObject().Select(p => p.Key).ToList();
            var matching = _containers.Values.Where(c => labels.All(l => c.Labels.Any(kv => $"{kv.Key}={kv.Value}" == l)))
                .Select(c => new { Id = c.Id, Names = new[] { "/" + c.Name }, Labels = c.Labels, State = c.State });
            await Json(context, 200, matching);
            return;
        }

        if (method == "POST" && path == "/containers/create")
        {
            var name = query["name"].ToString();
            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            Created[name] = body;
            if (CreateFailure is { } failure)
            {
                await Error(context, failure.Status, failure.Message);
                return;
            }

            if (Find(name) is not null)
            {
                await Error(context, 409, $"Conflict. The container name \"/{name}\" is already in use");
                return;
            }

            var labels = body["Labels"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
            var container = new FakeContainer(Guid.NewGuid().ToString("N"), name, labels);
            _containers[container.Id] = container;
            await Json(context, 201, new { Id = container.Id, Warnings = Array.Empty<string>() });
            return;
        }

        if (ContainerAction().Match(path) is not { Success: true } action || Find(action.Groups["id"].Value) is not { } target)
        {
            await Error(context, 404, $"No such container or route: {path}");
            return;
        }

        switch (method, action.Groups["action"].Value)
        {
            case ("DELETE", ""):
                target.Exit(137);
                _containers.TryRemove(target.Id, out _);
                context.Response.StatusCode = 204;
                return;
            case ("POST", "/start"):
                target.State = "running";
                context.Response.StatusCode = 204;
                return;
            case ("POST", "/stop"):
                target.Exit(0);
                context.Response.StatusCode = 204;
                return;
            case ("POST", "/kill"):
                target.Exit(137);
                context.Response.StatusCode = 204;
                return;
            case ("POST", "/wait"):
                // As the engine does: headers at once, the body when the container exits.
                context.Response.ContentType = "application/json";
                await context.Response.StartAsync();
                var code = await target.Exited.WaitAsync(context.RequestAborted);
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { StatusCode = code }));
                return;
            case ("GET", "/logs"):
                context.Response.ContentType = "application/vnd.docker.multiplexed-stream";
                foreach (var (isError, text) in Output)
                {
                    var payload = Encoding.UTF8.GetBytes(text);
                    var header = new byte[] { (byte)(isError ? 2 : 1), 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length };
                    await context.Response.Body.WriteAsync(header);
                    await context.Response.Body.WriteAsync(payload);
                    await context.Response.Body.FlushAsync();
                }

                if (query["follow"] is var follow && follow.ToString() is "1" or "true" or "True")
                {
                    await target.Exited.WaitAsync(context.RequestAborted);
                }

                return;
            default:
                await Error(context, 404, $"Unsupported: {method} {path}");
                return;
        }
    }

    private static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private static Task Error(HttpContext context, int status, string message) => Json(context, status, new { message });

    [GeneratedRegex(@"^/v\d+(\.\d+)?")]
    private static partial Regex ApiVersion();

    [GeneratedRegex(@"^/images/(?<name>.+)/json$")]
    private static partial Regex ImageInspect();

    [GeneratedRegex(@"^/containers/(?<id>[^/]+)(?<action>/[a-z]+)?$")]
    private static partial Regex ContainerAction();

    private sealed class FakeContainer(string id, string name, Dictionary<string, string> labels)
    {
        private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Id { get; } = id;

        public string Name { get; } = name;

        public Dictionary<string, string> Labels { get; } = labels;

        public string State { get; set; } = "created";

        public Task<int> Exited => _exited.Task;

        public void Exit(int exitCode)
        {
            if (_exited.TrySetResult(exitCode))
            {
                State = "exited";
            }
        }
    }
}
