namespace Aspire.Hosting.ApplicationModel;

/// <summary>One line of a resource's console output, numbered from 1 per resource (Aspire's LogLine).</summary>
public readonly record struct LogLine(int LineNumber, string Content, bool IsErrorMessage);
