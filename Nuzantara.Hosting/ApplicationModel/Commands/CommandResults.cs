namespace Aspire.Hosting.ApplicationModel;

/// <summary>The usual <see cref="ExecuteCommandResult"/>s.</summary>
public static class CommandResults
{
    public static ExecuteCommandResult Success() => new() { Success = true };

    public static ExecuteCommandResult Failure(string? errorMessage = null) => new() { Success = false, ErrorMessage = errorMessage };

    public static ExecuteCommandResult Failure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Failure(exception.Message);
    }

    public static ExecuteCommandResult Canceled() => new() { Success = false, Canceled = true };
}
