using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// What <see cref="ResourceLoggerService.GetLogger(string)"/> hands out: each message is one line of the resource's log,
/// followed by the exception's text when there is one, so code with no process of its own (a custom resource) has a console.
/// </summary>
internal sealed class ResourceLogger(ResourceLoggerService service, string resourceName) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var isError = logLevel >= LogLevel.Error;
        service.Write(resourceName, formatter(state, exception), isError);
        if (exception is not null)
        {
            service.Write(resourceName, exception.ToString(), isError);
        }
    }
}
