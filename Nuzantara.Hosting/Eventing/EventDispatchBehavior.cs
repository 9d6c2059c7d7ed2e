namespace Aspire.Hosting.Eventing;

/// <summary>Whether a publisher waits for the subscribers, and whether they run one after another or together.</summary>
public enum EventDispatchBehavior
{
    BlockingSequential = 0,
    BlockingConcurrent = 1,
    NonBlockingSequential = 2,
    NonBlockingConcurrent = 3,
}
