using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nuzantara.Services.Tests;

/// <summary>
/// The backend with a dependency that hangs (SIGSTOP: the process holds its port and answers nothing, the worst case for a
/// client) and then comes back. Its own stack: the tests freeze shared processes.
/// </summary>
public sealed class DependencyOutageTests(ServicesStack stack) : IClassFixture<ServicesStack>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_redis_reads_and_writes_still_work_from_postgres_and_health_says_degraded()
    {
        var id = (await stack.CreateDocumentAsync("Before the outage", "cached")).GetProperty("id").GetInt64();
        using var backend = stack.Client("backend");
        await backend.GetStringAsync($"/api/documents/{id}", Token);

        using (await FreezeAsync("redis"))
        {
            var health = await WaitForHealthAsync(backend, "/health", "degraded");
            Assert.Equal("degraded", health.GetProperty("services").GetProperty("redis").GetString());
            Assert.Equal("healthy", health.GetProperty("services").GetProperty("database").GetString());
            Assert.Equal(HttpStatusCode.OK, (await backend.GetAsync("/health/ready", Token)).StatusCode);
            await AssertAnswersFastAsync(backend, "/health");

            var written = await stack.CreateDocumentAsync("During the outage", "from postgres");
            var read = await backend.GetFromJsonAsync<JsonElement>($"/api/documents/{written.GetProperty("id").GetInt64()}", Token);
            Assert.Equal("from postgres", read.GetProperty("body").GetString());
            using var update = await backend.PutAsJsonAsync($"/api/documents/{id}", new { title = "Changed in the outage", body = "v2" }, Token);
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        await WaitForHealthAsync(backend, "/health", "healthy");
        var afterwards = await backend.GetFromJsonAsync<JsonElement>($"/api/documents/{id}", Token);
        Assert.Equal("v2", afterwards.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Without_postgres_writes_answer_503_liveness_holds_and_a_retry_under_the_same_key_stores_one_document()
    {
        using var backend = stack.Client("backend");
        using var gateway = stack.Client("orchestrator");
        var word = $"r{Guid.NewGuid():N}"[..12];
        var key = Guid.NewGuid().ToString();
        using (await FreezeAsync("postgres"))
        {
            await WaitForStatusAsync(backend, "/health/ready", HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.OK, (await backend.GetAsync("/health/live", Token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await backend.GetAsync("/alive", Token)).StatusCode);
            await AssertAnswersFastAsync(backend, "/health");
            await AssertAnswersFastAsync(backend, "/health/database");

            using var write = await PostWithKeyAsync(gateway, word, key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal("application/problem+json", write.Content.Headers.ContentType!.MediaType);
            Assert.NotNull(write.Headers.RetryAfter);
        }

        // The timed-out INSERT may still commit once PostgreSQL resumes; the retry must neither lose nor double it.
        await WaitForStatusAsync(backend, "/health/ready", HttpStatusCode.OK);
        using var retry = await PostWithKeyAsync(gateway, word, key);
        Assert.Contains(retry.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK });
        var page = await gateway.GetFromJsonAsync<JsonElement>($"/api/documents?q={word}", Token);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Equal(retry.Headers.Location!.ToString(), $"/api/documents/{page.GetProperty("items")[0].GetProperty("id").GetInt64()}");
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string word, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(new { title = word, body = "written during an outage" }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Token);
    }

    [Fact]
    public async Task Without_the_python_backend_search_answers_in_the_backends_order_and_without_the_backend_503()
    {
        var word = $"o{Guid.NewGuid():N}"[..12];
        var older = (await stack.CreateDocumentAsync($"{word} {word} {word}", "strong")).GetProperty("id").GetInt64();
        var newer = (await stack.CreateDocumentAsync("weak", word)).GetProperty("id").GetInt64();
        using var gateway = stack.Client("orchestrator");

        using (await FreezeAsync("python-backend"))
        {
            var started = Stopwatch.GetTimestamp();
            var search = await gateway.GetFromJsonAsync<JsonElement>($"/api/search?q={word}", Token);
            Assert.Equal("unavailable", search.GetProperty("ranking").GetString());
            Assert.Equal([newer, older], search.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "the fallback should not wait out every retry");
        }

        using (await FreezeAsync("backend"))
        {
            using var search = await gateway.GetAsync($"/api/search?q={word}", Token);
            Assert.True(search.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"with the backend frozen, a search answered {(int)search.StatusCode}: {await search.Content.ReadAsStringAsync(Token)}");
            Assert.Equal("application/problem+json", search.Content.Headers.ContentType!.MediaType);
        }

        var ranked = await gateway.GetFromJsonAsync<JsonElement>($"/api/search?q={word}", Token);
        Assert.Equal("ok", ranked.GetProperty("ranking").GetString());
        Assert.Equal(older, ranked.GetProperty("results")[0].GetProperty("id").GetInt64());
    }

    /// <summary>
    /// Stops a resource's processes where they stand — PostgreSQL's postmaster and the backends serving open connections
    /// alike — and resumes them when disposed, whatever the test did meanwhile.
    /// </summary>
    private async Task<Frozen> FreezeAsync(string resource)
    {
        var pids = ProcessTree(stack.ProcessId(resource));
        // Resumed whatever fails from here on: a resource left stopped would hang every later test of the class.
        var frozen = new Frozen(() => Signal(pids, "CONT"));
        try
        {
            Signal(pids, "STOP");
            // kill(2) returns once the signal is queued; a busy process stops when next scheduled, and until then it answers.
            foreach (var pid in pids)
            {
                await Eventually.ReadAsync(() => Task.FromResult(State(pid)), state => state is 'T' or 't' or Gone, TimeSpan.FromSeconds(5),
                    state => $"{resource} (pid {pid}) did not stop: its state is '{state}'");
            }
        }
        catch
        {
            frozen.Dispose();
            throw;
        }

        return frozen;
    }

    /// <summary>The state of a process that has exited since the tree was read (PostgreSQL ends a backend when its connection closes).</summary>
    private const char Gone = '-';

    /// <summary>The state letter of /proc/pid/stat, read after the command name, which may hold spaces and parentheses.</summary>
    private static char State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Gone;
        }
    }

    private static List<int> ProcessTree(int root)
    {
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            var children = $"/proc/{tree[i]}/task/{tree[i]}/children";
            if (File.Exists(children))
            {
                tree.AddRange(File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
        }

        return tree;
    }

    private static void Signal(IReadOnlyCollection<int> pids, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {string.Join(' ', pids)}");
        kill.WaitForExit();
        // kill signals every pid it can and fails if one is missing: a process that exited meanwhile needs no signal.
        Assert.True(kill.ExitCode == 0 || pids.Any(pid => State(pid) == Gone), $"kill -{signal} {string.Join(' ', pids)} failed (exit {kill.ExitCode})");
    }

    /// <summary>Health answers from what its checks last knew when a check hangs: within 100 ms (median; a loaded CI machine may stall one).</summary>
    private static async Task AssertAnswersFastAsync(HttpClient client, string path)
    {
        var timings = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var _ = await client.GetAsync(path, Token);
            timings.Add(Stopwatch.GetElapsedTime(started));
        }

        timings.Sort();
        Assert.True(timings[2] < TimeSpan.FromMilliseconds(100), $"{path} took {string.Join(", ", timings.Select(t => $"{t.TotalMilliseconds:0} ms"))}");
        Assert.True(timings[^1] < TimeSpan.FromSeconds(1), $"{path} took {timings[^1].TotalMilliseconds:0} ms");
    }

    private static Task<JsonElement> WaitForHealthAsync(HttpClient client, string path, string status) =>
        Eventually.ReadAsync(
            async () =>
            {
                // The body, whatever the status: an unhealthy answer is a 503 with the same body.
                using var response = await client.GetAsync(path, Token);
                return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            },
            body => body.GetProperty("status").GetString() == status, Deadline, body => $"{path} still says {body}");

    private static Task<HttpStatusCode> WaitForStatusAsync(HttpClient client, string path, HttpStatusCode expected) =>
        Eventually.ReadAsync(
            async () =>
            {
                using var response = await client.GetAsync(path, Token);
                return response.StatusCode;
            },
            status => status == expected, Deadline, status => $"{path} still answers {(int)status}");

    private sealed class Frozen(Action resume) : IDisposable
    {
        public void Dispose() => resume();
    }
}
