using Microsoft.Extensions.Logging;
using Nuzantara.Hosting.ApplicationModel;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting.Orchestration.Provisioning;

/// <summary>
/// Installs the OS packages the native recipes need, once, before anything starts — what pulling images is to a
/// container runtime. Without the rights to (or with NUZANTARA_AUTO_INSTALL=0) it stops with the exact command to run.
/// </summary>
internal sealed class NativeBinaryProvisioner(HostingOptions options, ILogger<NativeBinaryProvisioner> logger)
{
    private const string PolicyRcD = "/usr/sbin/policy-rc.d";

    public async Task EnsureInstalledAsync(IEnumerable<IResource> resources, Action<string> progress, CancellationToken cancellationToken)
    {
        var requirements = resources.SelectMany(r => r.OfAnnotation<RequiredPackagesAnnotation>().Select(a => (Resource: r, Requirement: a))).ToList();
        var missing = requirements.Where(x => CommandLocator.Find(x.Requirement.Command) is null).ToList();
        var required = missing.SelectMany(x => x.Requirement.Packages).Distinct().ToList();
        var wanted = requirements.SelectMany(x => x.Requirement.LibraryPackages).Distinct().ToList();
        var installed = await InstalledAsync(wanted, cancellationToken).ConfigureAwait(false);
        var libraries = wanted.Where(package => !installed.Contains(package)).ToList();

        if (required.Count == 0 && libraries.Count == 0)
        {
            return;
        }

        var everything = required.Concat(libraries).ToList();
        var sudo = NativeMethods.IsRoot ? null : await CanSudoAsync(cancellationToken).ConfigureAwait(false) ? "sudo" : null;
        if (!options.AutoInstall || (!NativeMethods.IsRoot && sudo is null))
        {
            var who = string.Join(", ", missing.Select(x => $"'{x.Resource.Name}' needs {x.Requirement.Command}").DefaultIfEmpty("Python apps need their libraries"));
            var why = options.AutoInstall ? "the AppHost has no right to install packages" : "NUZANTARA_AUTO_INSTALL=0";
            throw new DistributedApplicationException(
                $"Missing native binaries ({who}) and {why}. Install them with:{Environment.NewLine}" +
                $"  sudo apt-get update && sudo apt-get install -y --no-install-recommends {string.Join(' ', everything)}");
        }

        progress($"Installing {string.Join(' ', everything)} (once; set NUZANTARA_AUTO_INSTALL=0 to install by hand)");
        var createdPolicy = false;
        if (!File.Exists(PolicyRcD) && NativeMethods.IsRoot)
        {
            // Debian starts a package's service on install; the AppHost runs its own instance on its own ports.
            await File.WriteAllTextAsync(PolicyRcD, "#!/bin/sh\nexit 101\n", cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(PolicyRcD, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            createdPolicy = true;
        }

        try
        {
            if (!Directory.EnumerateFiles("/var/lib/apt/lists", "*Packages*").Any())
            {
                await AptAsync(sudo, ["update"], progress, cancellationToken).ConfigureAwait(false);
            }

            var available = new List<string>();
            foreach (var library in libraries)
            {
                if ((await CommandRunner.RunAsync("apt-cache", ["show", library], cancellationToken).ConfigureAwait(false)).ExitCode == 0)
                {
                    available.Add(library);
                }
                else
                {
                    logger.LogWarning("{Package} is not available from the OS package manager; the app must do without it", library);
                }
            }

            string[] install = ["install", "-y", "--no-install-recommends", .. required, .. available];
            if (required.Count + available.Count == 0)
            {
                return;
            }

            if (!await InstallAsync(sudo, install, progress, cancellationToken).ConfigureAwait(false))
            {
                await AptAsync(sudo, ["update"], progress, cancellationToken).ConfigureAwait(false);
                if (!await InstallAsync(sudo, install, progress, cancellationToken).ConfigureAwait(false))
                {
                    throw new DistributedApplicationException(
                        $"Installing {string.Join(' ', required.Concat(available))} failed (see the apt-get output above). Fix the package source and run the AppHost again.");
                }
            }
        }
        finally
        {
            if (createdPolicy)
            {
                File.Delete(PolicyRcD);
            }
        }

        foreach (var (resource, requirement) in missing.Where(x => CommandLocator.Find(x.Requirement.Command) is null))
        {
            throw new DistributedApplicationException($"'{resource.Name}' needs {requirement.Command}, which is still missing after installing {string.Join(' ', requirement.Packages)}.");
        }
    }

    private static async Task<bool> AptAsync(string? sudo, string[] args, Action<string> progress, CancellationToken cancellationToken) =>
        (await AptResultAsync(sudo, args, progress, cancellationToken).ConfigureAwait(false)).ExitCode == 0;

    private static async Task<CommandRunner.Result> AptResultAsync(string? sudo, string[] args, Action<string> progress, CancellationToken cancellationToken)
    {
        // Wait for the dpkg lock instead of failing when another installer (a parallel test run) holds it.
        args = ["-o", "DPkg::Lock::Timeout=300", .. args];
        using var stopping = cancellationToken.Register(() => progress("Stopping once apt-get has finished, so that no package is left half-installed"));
        return await PackageToolAsync(sudo, ["apt-get", .. args], progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// apt-get install; an install cut off before (a power cut, a killed AppHost) makes apt-get refuse every install until
    /// it is finished, so it is finished (<c>dpkg --configure -a</c>) and the install tried again. Only apt-get's own refusal
    /// says so: half-configured packages are also what another installer's run looks like while it works.
    /// </summary>
    private static async Task<bool> InstallAsync(string? sudo, string[] install, Action<string> progress, CancellationToken cancellationToken)
    {
        var result = await AptResultAsync(sudo, install, progress, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0 || !result.Output.Contains("dpkg was interrupted", StringComparison.Ordinal))
        {
            return result.ExitCode == 0;
        }

        progress("An earlier package install was interrupted: finishing it (dpkg --configure -a)");
        var repair = await PackageToolAsync(sudo, ["dpkg", "--configure", "-a"], progress, cancellationToken).ConfigureAwait(false);
        if (repair.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"An earlier package install was left unfinished and 'dpkg --configure -a' could not finish it (exit code {repair.ExitCode}):" +
                $"{Environment.NewLine}{repair.Output.Trim()}{Environment.NewLine}Run 'sudo dpkg --configure -a' and start the AppHost again.");
        }

        return (await AptResultAsync(sudo, install, progress, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
    }

    /// <summary>apt-get or dpkg as root and non-interactive.</summary>
    private static Task<CommandRunner.Result> PackageToolAsync(string? sudo, string[] tool, Action<string> progress, CancellationToken cancellationToken)
    {
        // In a session of its own (setsid), so that a Ctrl+C at the terminal does not reach dpkg half-way through an
        // install, and let finish rather than killed when the AppHost stops: either would leave the package database
        // "interrupted", failing every later install until someone runs dpkg --configure -a.
        string[] command = ["setsid", "--wait", "env", "DEBIAN_FRONTEND=noninteractive", .. tool];
        return sudo is null
            ? CommandRunner.RunAsync(command[0], command[1..], cancellationToken, onLine: progress, killOnCancel: false)
            : CommandRunner.RunAsync(sudo, ["-n", .. command], cancellationToken, onLine: progress, killOnCancel: false);
    }

    /// <summary>
    /// Which of <paramref name="packages"/> are installed, in one dpkg-query: it runs before any resource starts, and one
    /// query per package (the Python service has seven) cost ~30 ms each on every start. dpkg-query exits 1 when some
    /// package is unknown, and still lists the others.
    /// </summary>
    private static async Task<HashSet<string>> InstalledAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        if (packages.Count == 0)
        {
            return [];
        }

        var result = await CommandRunner.RunAsync("dpkg-query", ["-W", "-f=${Package}\t${Status}\n", .. packages], cancellationToken).ConfigureAwait(false);
        return result.Output.Split('\n')
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2 && fields[1].Trim() == "install ok installed")
            .Select(fields => fields[0])
            .ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<bool> CanSudoAsync(CancellationToken cancellationToken) =>
        CommandLocator.Find("sudo") is not null && (await CommandRunner.RunAsync("sudo", ["-n", "true"], cancellationToken).ConfigureAwait(false)).ExitCode == 0;
}
