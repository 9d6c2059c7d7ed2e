namespace Aspire.Hosting;

/// <summary>
/// Aspire marks with it the members its polyglot (non-.NET) AppHosts do not export. Accepted so that AppHosts using it
/// compile; this engine has no polyglot export, so it changes nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class AspireExportIgnoreAttribute : Attribute
{
    /// <summary>Why the member is not exported.</summary>
    public string? Reason { get; set; }
}
