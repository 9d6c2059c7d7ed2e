using Microsoft.Extensions.Logging;

namespace Nuzantara.Hosting.Orchestration.Yarp;

/// <summary>Writes what an in-process resource logs to that resource's console, where a process's output would go.</summary>
internal sealed class ResourceLogProvider(ResourceLoggerService logs, string resourceName) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ResourceLogger(logs, resourceName, categoryName);

    public void Dispose()
    {
    }

    private sealed class ResourceLogger(ResourceLoggerService logs, string resourceName, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = $"{LevelName(logLevel)}: {category}: {formatter(state, exception)}";
            logs.Write(resourceName, exception is null ? text : $"{text}{Environment.NewLine}{exception}", isError: logLevel >= LogLevel.Warning);
        }

        private static string LevelName(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
