namespace Aspire.Hosting.ApplicationModel;

/// <summary>A line as the log store keeps it: with its resource, time and a sequence number across resources.</summary>
public sealed record ResourceLogEntry(string ResourceName, DateTimeOffset Timestamp, string Text, bool IsError)
{
    /// <summary>Increases with every line written, across resources: a reader following a log asks for what came after.</summary>
    public long Sequence { get; init; }

    /// <summary>The line's number in its resource's output, from 1.</summary>
    public int LineNumber { get; init; }

    public LogLine ToLogLine() => new(LineNumber, Text, IsError);
}
