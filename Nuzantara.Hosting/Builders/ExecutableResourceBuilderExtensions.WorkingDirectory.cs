namespace Aspire.Hosting;

public static partial class ExecutableResourceBuilderExtensions
{
    /// <summary>The directory the executable runs in (and the manifest's <c>workingDirectory</c>), relative to the AppHost's directory.</summary>
    public static IResourceBuilder<T> WithWorkingDirectory<T>(this IResourceBuilder<T> builder, string workingDirectory) where T : ExecutableResource
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        builder.Resource.WorkingDirectory = Path.GetFullPath(workingDirectory, builder.ApplicationBuilder.AppHostDirectory);
        return builder;
    }
}
