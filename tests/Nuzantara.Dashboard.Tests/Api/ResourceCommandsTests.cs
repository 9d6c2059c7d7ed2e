using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuzantara.Hosting.Orchestration;

namespace Nuzantara.Dashboard.Tests.Api;

/// <summary>Stop, Start and Restart through the API, and the environment as the Resources page shows it.</summary>
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

        using (var stop = await api.PostAsync("/api/resources/worker/stop", null, Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        }

        // Stop answers once the process is gone.
        Assert.False(Directory.Exists($"/proc/{first}"));
        var stopped = await ResourceAsync(api, "worker");
        Assert.Equal("Exited", stopped.GetProperty("state").GetString());
        Assert.Equal(["start"], stopped.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));

        (await api.PostAsync("/api/resources/worker/start", null, Token)).EnsureSuccessStatusCode();
        var second = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId!.Value;
        Assert.NotEqual(first, second);

        (await api.PostAsync("/api/resources/worker/restart", null, Token)).EnsureSuccessStatusCode();
        var third = (await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", Token).WaitAsync(Timeout, Token)).Snapshot.ProcessId!.Value;
        Assert.NotEqual(second, third);
        Assert.False(Directory.Exists($"/proc/{second}"));
        Assert.Equal(0, app.ResourceNotifications.GetSnapshot("worker")!.RestartCount);
    }

    [Fact]
    public async Task Unknown_resources_and_commands_are_problems()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);

        using var unknownResource = await api.PostAsync("/api/resources/nothing/stop", null, Token);
        using var unknownCommand = await api.PostAsync("/api/resources/nothing/explode", null, Token);
        using var numericCommand = await api.PostAsync("/api/resources/nothing/7", null, Token);

        Assert.Equal(HttpStatusCode.NotFound, unknownResource.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCommand.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, numericCommand.StatusCode);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem_with_the_methods_allowed()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token);
        using var api = Api(app);

        using var deleteAll = await api.DeleteAsync("/api/resources", Token);
        using var getCommand = await api.GetAsync("/api/resources/worker/stop", Token);

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
        Assert.Equal(["start"], waiting.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
        Assert.Null(app.ResourceNotifications.GetSnapshot("migrations")!.ProcessId);

        (await api.PostAsync("/api/resources/migrations/start", null, Token)).EnsureSuccessStatusCode();
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

    private static async Task<JsonElement> ResourceAsync(HttpClient api, string name) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/resources", Token)).EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
}
