namespace Aspire.Hosting.ApplicationModel;

internal static class ResourceRelationshipTypes
{
    public const string Reference = "Reference";
    public const string Parent = "Parent";
}
