using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.ApplicationModel;

#pragma warning disable ASPIREEXTENSION001 // As the playground's AspireWithJavaScript suppresses it.

namespace Nuzantara.Hosting.Tests.Integrations;

/// <summary>Aspire's IDE debugging calls: accepted, and nothing changes since no IDE attaches here.</summary>
public sealed class DebuggingApiTests
{
    [Fact]
    public async Task WithDebugging_starts_the_python_app_as_without_it()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var plain = builder.AddPythonExecutable("plain", "/nonexistent/module_only", "uvicorn").WithArgs("api:app", "--port=8001");
        var debugged = builder.AddPythonExecutable("debugged", "/nonexistent/module_only", "uvicorn").WithDebugging().WithArgs("api:app", "--port=8001");
        var options = TestModel.Resolve(builder);

        var withDebugging = await TestModel.LaunchSpecAsync(builder, options, debugged.Resource);
        var without = await TestModel.LaunchSpecAsync(builder, options, plain.Resource);

        Assert.Equal(without.Args, withDebugging.Args);
        Assert.Equal(without.Environment.Keys.Order(), withDebugging.Environment.Keys.Order());
        Assert.Equal(plain.Resource.Annotations.Count, debugged.Resource.Annotations.Count);
    }

    [Fact]
    public async Task WithBrowserDebugger_adds_no_resource_and_needs_an_http_endpoint_as_in_Aspire()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var react = builder.AddJavaScriptApp("react", "/nonexistent/react", runScriptName: "start").WithHttpEndpoint(env: "PORT").PublishAsDockerFile();
        var worker = builder.AddJavaScriptApp("worker", "/nonexistent/worker", runScriptName: "start");
        var before = builder.Resources.Count;

        react.WithBrowserDebugger();

        Assert.Equal(before, builder.Resources.Count);
        var error = Assert.Throws<DistributedApplicationException>(() => worker.WithBrowserDebugger("chrome"));
        Assert.Contains("'worker'", error.Message);
    }
}
