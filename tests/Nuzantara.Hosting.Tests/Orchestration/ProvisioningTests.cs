using Microsoft.Extensions.Logging.Abstractions;
using Nuzantara.Hosting.Orchestration.Process;
using Nuzantara.Hosting.Orchestration.Provisioning;

namespace Nuzantara.Hosting.Tests.Orchestration;

public sealed class ProvisioningTests
{
    [Fact]
    public async Task A_missing_binary_without_auto_install_names_the_resource_and_the_command_to_run()
    {
        var resource = new ContainerResource("time-machine");
        resource.Annotations.Add(new RequiredPackagesAnnotation("nuzantara-no-such-binary", ["nuzantara-time-machine"]));
        var provisioner = new NativeBinaryProvisioner(new HostingOptions { AutoInstall = false }, NullLogger<NativeBinaryProvisioner>.Instance);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => provisioner.EnsureInstalledAsync([resource], _ => { }, CancellationToken.None));

        Assert.Contains("'time-machine' needs nuzantara-no-such-binary", error.Message);
        Assert.Contains("NUZANTARA_AUTO_INSTALL=0", error.Message);
        Assert.Contains("sudo apt-get install -y --no-install-recommends nuzantara-time-machine", error.Message);
    }

    [Fact]
    public async Task Nothing_is_installed_when_every_binary_is_present()
    {
        var resource = new ContainerResource("shell");
        resource.Annotations.Add(new RequiredPackagesAnnotation("sh", ["dash"]));
        var lines = new List<string>();
        var provisioner = new NativeBinaryProvisioner(new HostingOptions { AutoInstall = false }, NullLogger<NativeBinaryProvisioner>.Instance);

        await provisioner.EnsureInstalledAsync([resource], lines.Add, CancellationToken.None);

        Assert.Empty(lines);
    }

    [Fact]
    public async Task Only_the_library_packages_not_installed_are_asked_for()
    {
        var resource = new ContainerResource("python-app");
        resource.Annotations.Add(new RequiredPackagesAnnotation("sh", ["dash"]) { LibraryPackages = ["dash", "nuzantara-no-such-library", "coreutils"] });
        var provisioner = new NativeBinaryProvisioner(new HostingOptions { AutoInstall = false }, NullLogger<NativeBinaryProvisioner>.Instance);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => provisioner.EnsureInstalledAsync([resource], _ => { }, CancellationToken.None));

        Assert.Contains("Python apps need their libraries", error.Message);
        Assert.EndsWith("sudo apt-get install -y --no-install-recommends nuzantara-no-such-library", error.Message);
    }

    [Fact]
    public async Task Installed_library_packages_need_nothing()
    {
        var resource = new ContainerResource("python-app");
        resource.Annotations.Add(new RequiredPackagesAnnotation("sh", ["dash"]) { LibraryPackages = ["dash", "coreutils"] });
        var lines = new List<string>();
        var provisioner = new NativeBinaryProvisioner(new HostingOptions { AutoInstall = false }, NullLogger<NativeBinaryProvisioner>.Instance);

        await provisioner.EnsureInstalledAsync([resource], lines.Add, CancellationToken.None);

        Assert.Empty(lines);
    }

    [Fact]
    public void Versioned_command_patterns_resolve_to_the_highest_installed_version()
    {
        var root = Directory.CreateTempSubdirectory("nuzantara-locator-").FullName;
        foreach (var version in new[] { "13", "15" })
        {
            Directory.CreateDirectory(Path.Combine(root, version, "bin"));
            File.WriteAllText(Path.Combine(root, version, "bin", "postgres"), string.Empty);
        }

        Directory.CreateDirectory(Path.Combine(root, "16", "bin"));
        try
        {
            Assert.Equal(Path.Combine(root, "15", "bin", "postgres"), CommandLocator.Find(Path.Combine(root, "*", "bin", "postgres")));
            Assert.Null(CommandLocator.Find(Path.Combine(root, "*", "bin", "initdb")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Python_requirements_map_to_Debian_package_names()
    {
        var directory = Directory.CreateTempSubdirectory("nuzantara-python-").FullName;
        File.WriteAllLines(Path.Combine(directory, "requirements.txt"),
            ["# serving", "fastapi==0.92.0", "uvicorn>=0.17", "prometheus_client", "sentry-sdk[fastapi]==1.9.10", "", "opentelemetry.sdk; python_version >= '3.8'"]);
        try
        {
            Assert.Equal(["python3-fastapi", "python3-uvicorn", "python3-prometheus-client", "python3-sentry-sdk", "python3-opentelemetry-sdk"],
                PythonAppBuilderExtensions.DebianPackagesFor(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
