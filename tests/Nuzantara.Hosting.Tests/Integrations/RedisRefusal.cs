using StackExchange.Redis;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>That a Redis server refuses a client which sends no password, as the client library reports it.</summary>
internal static class RedisRefusal
{
    /// <summary>
    /// Connects to <paramref name="endpoint"/> (host:port) without a password and asserts the server's refusal. The
    /// connection attempt itself fails on it, with a connect timeout far above it: a command on a connection left to
    /// retry (abortConnect=false) could instead time out in the client's backlog on a busy machine, with an error that
    /// names no cause (a CI run failed so).
    /// </summary>
    public static async Task AssertRefusedWithoutPasswordAsync(string endpoint)
    {
        var refused = await Assert.ThrowsAnyAsync<RedisException>(() => ConnectionMultiplexer.ConnectAsync(endpoint + ",connectTimeout=30000"));
        Assert.Matches("NOAUTH|AuthenticationFailure|authentication failure", refused.ToString());
    }
}
