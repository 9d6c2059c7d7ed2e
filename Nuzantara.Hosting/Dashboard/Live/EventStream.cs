using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nuzantara.Hosting.Dashboard.Telemetry;

namespace Nuzantara.Hosting.Dashboard.Live;

/// <summary>
/// A page's server-sent event stream, written by ASP.NET Core's <see cref="TypedResults.ServerSentEvents{T}(IAsyncEnumerable{SseItem{T}})"/>.
/// It ends when the page goes and when the dashboard stops: Kestrel waits for open requests on shutdown, so a stream
/// that outlived <see cref="IHostApplicationLifetime.ApplicationStopping"/> would hold Ctrl+C up.
/// </summary>
internal static class EventStream
{
    /// <summary>Exporters and Alertmanager send in batches, often several at once: one push per burst is enough for a page.</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(250);

    public static IResult Of<T>(HttpContext context, Func<CancellationToken, IAsyncEnumerable<SseItem<T>>> events)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        context.Response.RegisterForDispose(ended);
        return TypedResults.ServerSentEvents(EndQuietly(events(ended.Token), ended.Token));
    }

    /// <summary>The current state, then again after each change of <paramref name="changed"/>, at most once per <see cref="Coalescing"/>.</summary>
    public static async IAsyncEnumerable<SseItem<T>> OnEachChangeAsync<T>(ChangeSignal changed, string eventType, Func<T> current, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The version is read before the state: a change in between is then both read and waited for, never lost.
        var seen = changed.Version;
        while (!cancellationToken.IsCancellationRequested)
        {
            yield return new SseItem<T>(current(), eventType);
            seen = await changed.WaitAsync(seen, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            await Task.Delay(Coalescing, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Cancellation is how every stream ends: the response then completes instead of failing.</summary>
    private static async IAsyncEnumerable<T> EndQuietly<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = source.GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await items.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    more = false;
                }

                if (!more)
                {
                    yield break;
                }

                yield return items.Current;
            }
        }
    }
}
