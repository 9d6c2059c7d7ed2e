using Aspire.Hosting.Python;

namespace Aspire.Hosting;

public static partial class PythonAppBuilderExtensions
{
    /// <summary>
    /// Aspire lets an IDE (VS Code's Aspire extension) attach its Python debugger to the app. No IDE attaches here: the
    /// app starts as it would without the call.
    /// </summary>
    public static IResourceBuilder<T> WithDebugging<T>(this IResourceBuilder<T> builder) where T : PythonAppResource => builder;
}
