namespace Aspire.Hosting.Python;

/// <summary>How a Python app is started: what its image's entrypoint is when publishing generates its Dockerfile.</summary>
public enum EntrypointType
{
    /// <summary>A program the app's packages install (<c>uvicorn</c>, <c>gunicorn</c>).</summary>
    Executable = 0,

    /// <summary>A script run by the interpreter (<c>python main.py</c>).</summary>
    Script = 1,

    /// <summary>A module run by the interpreter (<c>python -m flask</c>).</summary>
    Module = 2,
}
