namespace Aspire.Hosting;

public static partial class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// What the parameter is, shown when it has no value so the user knows what to set. The aspire-8.0 manifest has no
    /// field for it, so publishing leaves it out.
    /// </summary>
    public static IResourceBuilder<ParameterResource> WithDescription(this IResourceBuilder<ParameterResource> builder, string description,
        bool enableMarkdown = false)
    {
        ArgumentNullException.ThrowIfNull(description);
        builder.Resource.Description = description;
        builder.Resource.EnableDescriptionMarkdown = enableMarkdown;
        return builder;
    }
}
