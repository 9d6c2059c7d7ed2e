namespace Aspire.Hosting;

/// <summary>An error in the application model or its runtime, with a message written for the person who can fix it.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
