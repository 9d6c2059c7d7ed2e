
namespace Aspire.Hosting;

public static partial class ExecutableResourceBuilderExtensions
{
    /// <summary>A process started from <paramref name="command"/> in <paramref name="workingDirectory"/> (relative to the AppHost folder).</summary>
    public static IResourceBuilder<ExecutableResource> AddExecutable(this IDistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args)
    {
        var directory = Path.GetFullPath(workingDirectory, builder.AppHostDirectory);
        var resource = builder.AddResource(new ExecutableResource(name, command, directory));
        return args.Length == 0 ? resource : resource.WithArgs(args);
    }
}
