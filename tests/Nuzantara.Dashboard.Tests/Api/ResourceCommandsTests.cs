using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Dashboard.Tests.Api;

/// <summary>Commands (Stop, Start, Restart and WithCommand's) through the API, and the environment as the Resources page shows it.</summary>
public sealed class ResourceCommandsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stop_ends_the_process_Start_runs_a_new_one_and_Restart_replaces_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sleep", ".", "300");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);
        var first = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId!.Value;
        Assert.Equal([("stop", "Enabled"), ("restart", "Enabled")], Commands(await ResourceAsync(api, "worker")));

        using (var stop = await api.PostAsync("/api/resources/worker/commands/stop", null, Token))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            var result = await stop.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.True(result.GetProperty("success").GetBoolean());
        }

        // Stop answers once the process is gone.
        Assert.False(Directory.Exists($"/proc/{first}"));
        var stopped = await ResourceAsync(api, "worker");
        Assert.Equal("Exited", stopped.GetProperty("state").GetString());
        Assert.Equal([("start", "Enabled"), ("restart", "Disabled")], Commands(stopped));

        (await api.PostAsync("/api/resources/worker/commands/start", null, Token)).EnsureSuccessStatusCode();
        var second = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId!.Value;
        Assert.NotEqual(first, second);

        (await api.PostAsync("/api/resources/worker/commands/restart", null, Token)).EnsureSuccessStatusCode();
        var third = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId!.Value;
        Assert.NotEqual(second, third);
        Assert.False(Directory.Exists($"/proc/{second}"));
        Assert.Equal(0, app.ResourceNotifications.GetSnapshot("worker")!.RestartCount);
    }

    [Fact]
    public async Task A_custom_command_is_listed_with_its_confirmation_and_its_result_is_answered()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sleep", ".", "300")
            .WithCommand("clear-cache", "Clear cache", _ => Task.FromResult(CommandResults.Success()), new CommandOptions
            {
                Description = "Empties the cache",
                ConfirmationMessage = "Clear the cache?",
                IsHighlighted = true,
            })
            .WithCommand("rotate-keys", "Rotate keys", _ => Task.FromResult(CommandResults.Failure("the key vault is read-only")))
            .WithCommand("hidden", "Hidden", _ => Task.FromResult(CommandResults.Success()), new CommandOptions { UpdateState = _ => ResourceCommandState.Hidden });
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token);

        var listed = (await ResourceAsync(api, "worker")).GetProperty("commands").EnumerateArray().ToList();
        var clear = listed.Single(c => c.GetProperty("name").GetString() == "clear-cache");
        using var cleared = await api.PostAsync("/api/resources/worker/commands/clear-cache", null, Token);
        using var rotated = await api.PostAsync("/api/resources/worker/commands/rotate-keys", null, Token);

        Assert.DoesNotContain(listed, c => c.GetProperty("name").GetString() == "hidden");
        Assert.Equal(("Clear cache", "Empties the cache", "Clear the cache?", "Enabled", true), (
            clear.GetProperty("displayName").GetString(), clear.GetProperty("description").GetString(), clear.GetProperty("confirmationMessage").GetString(),
            clear.GetProperty("state").GetString(), clear.GetProperty("isHighlighted").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.True((await cleared.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("success").GetBoolean());
        var failure = await rotated.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.False(failure.GetProperty("success").GetBoolean());
        Assert.Equal("the key vault is read-only", failure.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task An_HTTP_command_whose_name_holds_its_path_runs_from_the_API()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("web", "python3", ".", "-c",
                "import http.server, os; http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), http.server.SimpleHTTPRequestHandler).serve_forever()")
            .WithHttpEndpoint(env: "PORT")
            .WithHttpHealthCheck("/")
            .WithHttpCommand("/", "Ping", commandOptions: new HttpCommandOptions { Method = HttpMethod.Get })
            .WithHttpCommand("/no-such-page", "Broken", commandOptions: new HttpCommandOptions { Method = HttpMethod.Get });
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", Token).WaitAsync(Timeout, Token);

        using var ping = await api.PostAsync($"/api/resources/web/commands/{Uri.EscapeDataString("web-http-http-get-/")}", null, Token);
        using var broken = await api.PostAsync($"/api/resources/web/commands/{Uri.EscapeDataString("web-http-http-get-/no-such-page")}", null, Token);

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.True((await ping.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("success").GetBoolean());
        var failure = await broken.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.False(failure.GetProperty("success").GetBoolean());
        Assert.Contains("404", failure.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Unknown_resources_and_commands_are_404_and_a_command_not_enabled_now_is_409()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var ran = 0;
        builder.AddExecutable("worker", "sleep", ".", "300")
            .WithCommand("seed", "Seed", _ =>
            {
                ran++;
                return Task.FromResult(CommandResults.Success());
            }, new CommandOptions { UpdateState = _ => ResourceCommandState.Disabled });
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token);

        using var unknownResource = await api.PostAsync("/api/resources/nothing/commands/stop", null, Token);
        using var unknownCommand = await api.PostAsync("/api/resources/worker/commands/explode", null, Token);
        using var disabled = await api.PostAsync("/api/resources/worker/commands/seed", null, Token);
        using var startWhileRunning = await api.PostAsync("/api/resources/worker/commands/start", null, Token);

        await AssertProblemAsync(unknownResource, HttpStatusCode.NotFound, "nothing");
        await AssertProblemAsync(unknownCommand, HttpStatusCode.NotFound, "explode");
        await AssertProblemAsync(disabled, HttpStatusCode.Conflict, "seed");
        await AssertProblemAsync(startWhileRunning, HttpStatusCode.Conflict, "Running");
        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task Commands_need_the_dashboard_token()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sleep", ".", "300");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        var before = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId;
        using var api = Api(app);
        using var stranger = new HttpClient { BaseAddress = api.BaseAddress };
        stranger.DefaultRequestHeaders.Add("x-otlp-api-key", "not-the-key");

        using var stop = await stranger.PostAsync("/api/resources/worker/commands/stop", null, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, stop.StatusCode);
        Assert.Equal("application/problem+json", stop.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, app.ResourceNotifications.GetSnapshot("worker")!.ProcessId);
        Assert.Equal(KnownResourceStates.Running, app.ResourceNotifications.GetSnapshot("worker")!.State?.Text);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem_with_the_methods_allowed()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);

        using var deleteAll = await api.DeleteAsync("/api/resources", Token);
        using var getCommand = await api.GetAsync("/api/resources/worker/commands/stop", Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, deleteAll.StatusCode);
        Assert.Equal(["GET"], deleteAll.Content.Headers.Allow);
        Assert.Equal("application/problem+json", deleteAll.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getCommand.StatusCode);
        Assert.Equal(["POST"], getCommand.Content.Headers.Allow);
    }

    [Fact]
    public async Task Secrets_in_the_environment_are_masked_and_the_rest_is_shown()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["Parameters:db-password"] = "s3cret";
        var password = builder.AddParameter("db-password", secret: true);
        builder.AddExecutable("worker", "sleep", ".", "300")
            .WithEnvironment("DATABASE_URL", ReferenceExpression.Create($"postgres://app:{password.Resource}@127.0.0.1:5432/app"))
            .WithEnvironment("WEBHOOK_TOKEN", "plain-but-named-like-a-secret")
            .WithEnvironment("GREETING", "hello");
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token);
        using var api = Api(app);

        var environment = (await ResourceAsync(api, "worker")).GetProperty("environment").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetString()!);

        Assert.Equal("postgres://app:••••••@127.0.0.1:5432/app", environment["DATABASE_URL"]);
        Assert.Equal("••••••", environment["WEBHOOK_TOKEN"]);
        Assert.Equal("hello", environment["GREETING"]);
    }

    [Fact]
    public async Task An_explicitly_started_resource_waits_NotStarted_until_Start_is_pressed()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("worker", "sleep", ".", "300");
        builder.AddExecutable("migrations", "sleep", ".", "300").WithExplicitStart();
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token);

        var waiting = await ResourceAsync(api, "migrations");
        Assert.Equal("NotStarted", waiting.GetProperty("state").GetString());
        Assert.Equal([("start", "Enabled"), ("restart", "Disabled")], Commands(waiting));
        Assert.Null(app.ResourceNotifications.GetSnapshot("migrations")!.ProcessId);

        (await api.PostAsync("/api/resources/migrations/commands/start", null, Token)).EnsureSuccessStatusCode();
        var started = await app.ResourceNotifications.WaitForResourceHealthyAsync("migrations", Token).WaitAsync(Timeout, Token);
        Assert.True(Directory.Exists($"/proc/{started.Snapshot.ProcessId}"));
    }

    [Fact]
    public async Task The_resources_page_lists_each_link_with_its_text_folds_details_only_ones_and_names_parents()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var web = builder.AddExecutable("web", "sleep", ".", "300")
            .WithHttpEndpoint()
            .WithUrlForEndpoint("http", u => u.DisplayText = "Home")
            .WithUrl("https://runbooks.example.org/web", "Runbook")
            .WithUrls(c => c.Urls.Add(new ResourceUrlAnnotation { Url = "https://internal.example.org/web", DisplayLocation = UrlDisplayLocation.DetailsOnly }));
        builder.AddExecutable("web-warmup", "sleep", ".", "300").WithParentRelationship(web.Resource);
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", Token).WaitAsync(Timeout, Token);

        var urls = (await ResourceAsync(api, "web")).GetProperty("urls").EnumerateArray()
            .Select(u => (u.GetProperty("url").GetString(), u.GetProperty("displayText").GetString(), u.GetProperty("detailsOnly").GetBoolean()));

        Assert.Equal(
            [
                (app.GetEndpoint("web").ToString().TrimEnd('/'), "Home", false),
                ("https://runbooks.example.org/web", "Runbook", false),
                ("https://internal.example.org/web", "", true),
            ],
            urls);
        Assert.Equal("web", (await ResourceAsync(api, "web-warmup")).GetProperty("parent").GetString());
        Assert.Equal(JsonValueKind.Null, (await ResourceAsync(api, "web")).GetProperty("parent").ValueKind);
    }

    private static HttpClient Api(DistributedApplication app)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Services.GetRequiredService<HostingOptions>().DashboardPort}") };
        client.DefaultRequestHeaders.Add("x-otlp-api-key", app.Services.GetRequiredService<OtlpSettings>().ApiKey);
        return client;
    }

    private static IEnumerable<(string?, string?)> Commands(JsonElement resource) =>
        resource.GetProperty("commands").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("state").GetString()));

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(named, problem.GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> ResourceAsync(HttpClient api, string name) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/resources", Token)).EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
}
