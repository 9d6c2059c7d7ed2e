namespace Aspire.Hosting.ApplicationModel;

public static class ResourceRelationshipTypes
{
    public const string Reference = "Reference";
    public const string Parent = "Parent";
}
