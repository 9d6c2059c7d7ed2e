namespace Aspire.Hosting.Postgres;

/// <summary>The pgweb admin UI that Aspire adds as a container next to the server; never published.</summary>
public sealed class PgWebContainerResource(string name) : ContainerResource(name)
{
}
