namespace Aspire.Hosting.Postgres;

/// <summary>The pgAdmin admin UI that Aspire adds as a container next to the server; never published.</summary>
public sealed class PgAdminContainerResource(string name) : ContainerResource(name)
{
}
