using Aspire.Hosting.Python;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Orchestration.Process;

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>AddPythonModule, AddPythonExecutable, WithVirtualEnvironment and WithUv on Debian's /usr/bin/python3.</summary>
public sealed class PythonVariantTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddPythonModule_serves_a_folder_with_http_server_in_a_virtual_environment_it_creates()
    {
        var directory = Directory.CreateTempSubdirectory("nuzantara-python-module-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "served.txt"), "from the module");
            await using var builder = DistributedApplicationTestingBuilder.Create();
            var files = builder.AddPythonModule("files", directory, "http.server").WithHttpEndpoint(env: "PORT").WithVirtualEnvironment(".venv");
            var endpoint = files.GetEndpoint("http");
            files.WithArgs(context => context.Args.AddRange([endpoint.Property(EndpointProperty.TargetPort), "--bind", endpoint.Property(EndpointProperty.Host)]))
                .WithHttpHealthCheck("/served.txt");
            await using var app = await builder.BuildAsync(Token);

            await app.StartAsync(Token);
            var running = await app.ResourceNotifications.WaitForResourceHealthyAsync("files", Token).WaitAsync(Timeout, Token);

            using var http = app.CreateHttpClient("files");
            Assert.Equal("from the module", await http.GetStringAsync("/served.txt", Token));
            var commandLine = File.ReadAllText($"/proc/{running.Snapshot.ProcessId}/cmdline").Split('\0');
            Assert.Equal([Path.Combine(directory, ".venv", "bin", "python3"), "-m", "http.server"], commandLine[..3]);
            Assert.Contains("include-system-site-packages = true", File.ReadAllText(Path.Combine(directory, ".venv", "pyvenv.cfg")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_virtual_environment_that_may_not_be_created_fails_the_app_naming_it()
    {
        var directory = Directory.CreateTempSubdirectory("nuzantara-python-venv-").FullName;
        try
        {
            await using var builder = DistributedApplicationTestingBuilder.Create();
            builder.AddPythonApp("job", directory, "main.py").WithVirtualEnvironment("env", createIfNotExists: false);
            await using var app = await builder.BuildAsync(Token);

            await app.StartAsync(Token);
            var failed = await app.ResourceNotifications.WaitForResourceAsync("job", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);

            Assert.Equal($"'job' runs in the virtual environment {directory}/env, which does not exist. Create it (/usr/bin/python3 -m venv {directory}/env), " +
                "or call WithVirtualEnvironment with createIfNotExists: true.", failed.Snapshot.StateReason);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task WithUv_without_uv_installed_fails_the_app_saying_what_to_do()
    {
        Assert.SkipWhen(CommandLocator.Find("uv") is not null, "uv is installed on this machine");
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPythonApp("api", ".", "main.py").WithUv();
        await using var app = await builder.BuildAsync(Token);

        await app.StartAsync(Token);
        var failed = await app.ResourceNotifications.WaitForResourceAsync("api", KnownResourceStates.FailedToStart, Token).WaitAsync(Timeout, Token);

        Assert.StartsWith("'api' runs with uv (WithUv), but uv is not installed: it is not on PATH, and Debian bookworm has no uv package.", failed.Snapshot.StateReason);
        Assert.Contains("or remove WithUv()", failed.Snapshot.StateReason);
    }

    [Fact]
    public async Task The_model_matches_Aspires_commands()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var module = builder.AddPythonModule("module", "app", "celery");
        var program = builder.AddPythonExecutable("program", "app", "gunicorn");
        var inEnvironment = builder.AddPythonExecutable("in-env", "app", "gunicorn").WithVirtualEnvironment("../venv");
        var options = ApplicationModel.TestModel.Resolve(builder);

        Assert.Equal(PythonAppBuilderExtensions.Interpreter, module.Resource.Command);
        Assert.Equal(["-m", "celery"], (await ApplicationModel.TestModel.LaunchSpecAsync(builder, options, module.Resource)).Args);
        Assert.Equal("gunicorn", program.Resource.Command);
        Assert.Equal(Path.Combine(builder.AppHostDirectory, "venv", "bin", "gunicorn"), inEnvironment.Resource.Command);
        Assert.All([module.Resource, program.Resource, inEnvironment.Resource], r => Assert.IsType<PythonAppResource>(r));
    }
}
