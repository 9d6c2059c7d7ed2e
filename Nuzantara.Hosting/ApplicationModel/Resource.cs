using System.Text.RegularExpressions;

namespace Aspire.Hosting.ApplicationModel;

public abstract partial class Resource : IResource
{
    protected Resource(string name)
    {
        ValidateName(name);
        Name = name;
    }

    public string Name { get; }

    public ResourceAnnotationCollection Annotations { get; } = [];

    public override string ToString() => Name;

    /// <summary>
    /// Aspire's rule: ASCII letters, digits and hyphens, starting with a letter, no double or trailing hyphen,
    /// at most 64 characters — names become DNS names, environment variables and file names.
    /// </summary>
    internal static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !NamePattern().IsMatch(name) || name.Contains("--"))
        {
            throw new DistributedApplicationException(
                $"Resource name '{name}' is invalid: use 1 to 64 ASCII letters, digits and hyphens, starting with a letter, " +
                "without consecutive or trailing hyphens (for example 'python-backend').");
        }
    }

    [GeneratedRegex("^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();
}
