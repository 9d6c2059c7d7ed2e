namespace Aspire.Hosting.ApplicationModel;

/// <summary>How a UI may style a state (<see cref="ResourceStateSnapshot.Style"/>): the styles Aspire's dashboard knows.</summary>
public static class KnownResourceStateStyles
{
    public static readonly string Success = "success";

    public static readonly string Error = "error";

    public static readonly string Info = "info";

    public static readonly string Warn = "warning";
}
