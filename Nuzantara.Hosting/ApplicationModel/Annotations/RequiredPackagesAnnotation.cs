namespace Nuzantara.Hosting.ApplicationModel;

/// <summary>
/// The OS packages that provide what a resource runs. The process runtime installs the missing ones before
/// starting anything, as a container runtime pulls images.
/// </summary>
public sealed class RequiredPackagesAnnotation(string command, IReadOnlyList<string> packages) : IResourceAnnotation
{
    /// <summary>The binary whose presence tells whether the packages are installed (same forms as <see cref="NativeRecipeAnnotation.Command"/>).</summary>
    public string Command { get; } = command;

    public IReadOnlyList<string> Packages { get; } = packages;

    /// <summary>Packages that must be installed even though <see cref="Command"/> exists (libraries, Python modules).</summary>
    public IReadOnlyList<string> LibraryPackages { get; init; } = [];
}
