using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Nuzantara.ServiceDefaults.Health;

/// <summary>
/// Runs a dependency check at most once per <see cref="SharedHealthCheckOptions.FreshFor"/> for all callers, and answers each
/// caller within <see cref="SharedHealthCheckOptions.ResponseBudget"/> of the probe's start: a hung dependency cannot hold a health endpoint, and
/// eight probes at once open one connection, not eight (which on a busy machine made the database check time out at random).
/// A probe that outlives the budget keeps running to its own timeout and its result serves the next callers.
/// </summary>
internal sealed class SharedHealthCheck(IHealthCheck inner, SharedHealthCheckState state, SharedHealthCheckOptions options, TimeSpan probeTimeout)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (probe, running) = state.CurrentOrStart(options.FreshFor, () => ProbeAsync(context));
        if (probe.IsCompleted)
        {
            return await probe;
        }

        // A probe that has already used up the budget is hanging: later callers do not wait for it again.
        var wait = options.ResponseBudget - running;
        if (wait > TimeSpan.Zero && await Task.WhenAny(probe, Task.Delay(wait, cancellationToken)) == probe)
        {
            return await probe;
        }

        return state.LastResult(probeTimeout + options.FreshFor)
            ?? new HealthCheckResult(context.Registration.FailureStatus, $"No answer within {options.ResponseBudget.TotalMilliseconds:0} ms.");
    }

    private async Task<HealthCheckResult> ProbeAsync(HealthCheckContext context)
    {
        // The probe's own deadline, not the caller's: a caller that gives up must not cancel the answer for the others.
        using var timeout = new CancellationTokenSource(probeTimeout);
        try
        {
            return await inner.CheckHealthAsync(context, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No answer within {probeTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception: exception);
        }
    }
}
