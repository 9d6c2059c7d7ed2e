using System.Globalization;

namespace Nuzantara.Hosting;

/// <summary>One configuration key of <see cref="HostingOptions"/>: how its text is read, and what to write instead of a bad value.</summary>
internal sealed record HostingSetting(string Key, string Fix, Func<string, HostingOptions, bool> TryApply);

/// <summary>
/// Every key <see cref="HostingOptions"/> is read from, parsed one way (booleans are true/false/1/0 in any case) so that
/// <see cref="ConfigureHostingOptions"/> and <see cref="ValidateHostingOptions"/> agree on what a valid value is.
/// </summary>
internal static class HostingSettings
{
    /// <summary>The environment switch of the provisioner, read after <c>Nuzantara:AutoInstall</c> so that it wins.</summary>
    public const string AutoInstallVariable = "NUZANTARA_AUTO_INSTALL";

    private const string BooleanFix = "give true or false (or 1 or 0)";
    private const string PortFix = "give a port number 0-65535";
    private const string DurationFix = "give a positive duration as hh:mm:ss, e.g. 00:02:00";

    public static IReadOnlyList<HostingSetting> All { get; } =
    [
        new(Key(nameof(HostingOptions.Runtime)), "give process, container or auto", (text, o) => TryParseRuntime(text, out var runtime) && Set(() => o.Runtime = runtime)),
        new(Key(nameof(HostingOptions.StateDirectory)), string.Empty, (text, o) => Set(() => o.StateDirectory = text)),
        new(Key(nameof(HostingOptions.SecretsPath)), string.Empty, (text, o) => Set(() => o.SecretsPath = text)),
        new(Key(nameof(HostingOptions.BindAddress)), string.Empty, (text, o) => Set(() => o.BindAddress = text)),
        new(Key(nameof(HostingOptions.RandomizePorts)), BooleanFix, (text, o) => TryParseBoolean(text, out var value) && Set(() => o.RandomizePorts = value)),
        new(Key(nameof(HostingOptions.AutoInstall)), BooleanFix, (text, o) => TryParseBoolean(text, out var value) && Set(() => o.AutoInstall = value)),
        new(AutoInstallVariable, "give 1 or 0 (or true or false)", (text, o) => TryParseBoolean(text, out var value) && Set(() => o.AutoInstall = value)),
        new(Key(nameof(HostingOptions.LiveConsole)), BooleanFix, (text, o) => TryParseBoolean(text, out var value) && Set(() => o.LiveConsole = value)),
        new(Key(nameof(HostingOptions.EchoResourceLogs)), BooleanFix, (text, o) => TryParseBoolean(text, out var value) && Set(() => o.EchoResourceLogs = value)),
        new(Key(nameof(HostingOptions.DashboardPort)), PortFix, (text, o) => TryParsePort(text, out var port) && Set(() => o.DashboardPort = port)),
        new(Key(nameof(HostingOptions.OtlpGrpcPort)), PortFix, (text, o) => TryParsePort(text, out var port) && Set(() => o.OtlpGrpcPort = port)),
        new(Key(nameof(HostingOptions.OtlpHttpPort)), PortFix, (text, o) => TryParsePort(text, out var port) && Set(() => o.OtlpHttpPort = port)),
        new(Key(nameof(HostingOptions.WaitTimeout)), DurationFix, (text, o) => TryParseDuration(text, out var duration) && Set(() => o.WaitTimeout = duration)),
        new(Key(nameof(HostingOptions.StopGracePeriod)), DurationFix, (text, o) => TryParseDuration(text, out var duration) && Set(() => o.StopGracePeriod = duration)),
    ];

    public static bool TryParseBoolean(string text, out bool value)
    {
        var trimmed = text.Trim();
        value = trimmed is "1" || trimmed.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || trimmed is "0" || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    private static string Key(string property) => HostingOptions.SectionName + ":" + property;

    private static bool Set(Action assign)
    {
        assign();
        return true;
    }

    // Names only: Enum.TryParse would also take "7" or "1,2".
    private static bool TryParseRuntime(string text, out RuntimeKind runtime) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out runtime) && Enum.GetNames<RuntimeKind>().Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out port) && port <= 65535;

    private static bool TryParseDuration(string text, out TimeSpan duration) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
}
