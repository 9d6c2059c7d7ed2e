namespace Aspire.Hosting.Redis;

/// <summary>The Redis Commander admin UI that Aspire adds as a container next to the server; never published.</summary>
public class RedisCommanderResource(string name) : ContainerResource(name)
{
}
