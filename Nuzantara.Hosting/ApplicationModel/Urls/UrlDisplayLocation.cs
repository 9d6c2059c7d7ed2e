namespace Aspire.Hosting.ApplicationModel;

/// <summary>Where the dashboard shows a URL: in the resources table and the details, or in the details only.</summary>
public enum UrlDisplayLocation
{
    SummaryAndDetails = 0,
    DetailsOnly = 1,
}
