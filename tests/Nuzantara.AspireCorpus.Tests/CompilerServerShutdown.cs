namespace Nuzantara.AspireCorpus.Tests;

/// <summary>The corpus builds share the SDK's compiler server; it is stopped once every test of the assembly has run.</summary>
public sealed class CompilerServerShutdown : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await CompilerServer.ShutdownAsync(CancellationToken.None);
}
