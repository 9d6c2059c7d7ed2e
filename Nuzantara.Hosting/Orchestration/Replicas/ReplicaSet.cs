using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration.Replicas;

/// <summary>
/// The replicas of one project (WithReplicas), the forwarders on the project's endpoints in front of them, and the
/// project's own row: Running while a replica runs, healthy while one is healthy (the endpoint then answers), with
/// how many are in its state reason.
/// </summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    private readonly ProjectResource _project;
    private readonly ResourceNotificationService _notifications;
    private readonly ILogger _logger;
    private readonly List<RoundRobinForwarder> _forwarders = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public ReplicaSet(ProjectResource project, ResourceNotificationService notifications, ILogger logger)
    {
        _project = project;
        _notifications = notifications;
        _logger = logger;
        var address = project.GetEndpoints().FirstOrDefault()?.AllocatedEndpoint?.Address ?? "127.0.0.1";
        var suffixes = new HashSet<string>();
        while (suffixes.Count < project.ReplicaCount())
        {
            suffixes.Add(Suffix());
        }

        Replicas = [.. suffixes.Select(s => new ProjectReplicaResource(project, $"{project.Name}-{s}", address))];
    }

    public ProjectResource Project => _project;

    public IReadOnlyList<ProjectReplicaResource> Replicas { get; }

    /// <summary>Listens on the project's endpoints and starts following the replicas' states into the project's row.</summary>
    public void Start(IReadOnlyList<UrlSnapshot> urls)
    {
        foreach (var endpoint in _project.GetEndpoints().Where(e => e.AllocatedEndpoint is not null))
        {
            _forwarders.Add(new RoundRobinForwarder(endpoint.AllocatedEndpoint!,
                [.. Replicas.Select(r => (Func<AllocatedEndpoint?>)(() => r.Allocated(endpoint.Name)))],
                $"'{_project.Name}' endpoint '{endpoint.Name}'", _logger));
        }

        // No state reason yet: on a NotStarted row it would mean "cannot run here" to whoever waits for the project.
        _notifications.PublishUpdate(_project, s => s with { Urls = urls });
        _watching = WatchAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
        foreach (var forwarder in _forwarders)
        {
            await forwarder.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var names = Replicas.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        try
        {
            await foreach (var change in _notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (names.Contains(change.Resource.Name))
                {
                    PublishProjectState();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void PublishProjectState()
    {
        var replicas = Replicas.Select(r => _notifications.GetSnapshot(r.Name)).OfType<CustomResourceSnapshot>().ToList();
        var running = replicas.Count(r => r.State?.Text == KnownResourceStates.Running);
        var healthy = replicas.Count(r => r.IsHealthy);
        _notifications.PublishUpdate(_project, s =>
        {
            var state = running > 0 ? KnownResourceStates.Running : replicas.FirstOrDefault()?.State?.Text ?? KnownResourceStates.NotStarted;
            return s with
            {
                State = state,
                HealthStatus = healthy > 0 ? HealthStatus.Healthy : running > 0 ? HealthStatus.Unhealthy : null,
                StateReason = state == KnownResourceStates.NotStarted ? null : Summary(running, healthy),
                StartedAt = running > 0 ? s.StartedAt ?? DateTimeOffset.UtcNow : s.StartedAt,
                StoppedAt = running > 0 ? null : s.StoppedAt,
            };
        });
    }

    private string Summary(int running, int healthy) => $"{running} of {Replicas.Count} replicas running, {healthy} healthy";

    /// <summary>Eight lowercase letters and digits, as Aspire's replica suffixes.</summary>
    private static string Suffix() => string.Create(8, 0, (chars, _) =>
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        }
    });
}
