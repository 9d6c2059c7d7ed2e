namespace Aspire.Hosting.Yarp;

/// <summary>The image Aspire publishes a YARP resource as: Microsoft's YARP container, configured by environment.</summary>
internal static class YarpContainerImage
{
    public const string Registry = "mcr.microsoft.com";

    public const string Image = "dotnet/nightly/yarp";

    public const string Tag = "2.3-preview";

    /// <summary>The port the image's Kestrel listens on, the http endpoint's target port.</summary>
    public const int HttpPort = 5000;
}
