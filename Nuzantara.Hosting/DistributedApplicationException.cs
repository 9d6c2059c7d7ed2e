namespace Aspire.Hosting;

/// <summary>An error in the application model or its runtime, with a message written for the person who can fix it.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message) : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception inner) : base(message, inner)
    {
    }
}
