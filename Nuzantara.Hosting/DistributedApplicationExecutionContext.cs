namespace Aspire.Hosting;

public enum DistributedApplicationOperation
{
    Run,
    Publish,
}

/// <summary>Whether the model is being run on this machine or published for another one.</summary>
public sealed class DistributedApplicationExecutionContext
{
    public DistributedApplicationExecutionContext(DistributedApplicationOperation operation)
    {
        Operation = operation;
    }

    public DistributedApplicationExecutionContext(DistributedApplicationOperation operation, string publisherName)
    {
        Operation = operation;
        PublisherName = publisherName;
    }

    public DistributedApplicationOperation Operation { get; }

    public string? PublisherName { get; set; }

    public bool IsRunMode => Operation == DistributedApplicationOperation.Run;

    public bool IsPublishMode => Operation == DistributedApplicationOperation.Publish;
}
