namespace Aspire.Hosting.Redis;

/// <summary>The RedisInsight admin UI that Aspire adds as a container next to the server; never published.</summary>
public class RedisInsightResource(string name) : ContainerResource(name)
{
    public EndpointReference PrimaryEndpoint => new(this, "http");
}
