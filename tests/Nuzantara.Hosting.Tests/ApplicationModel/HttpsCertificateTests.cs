using Aspire.Hosting.Testing;

#pragma warning disable ASPIRECERTIFICATES001 // Aspire's users suppress it the same way (playground AspireWithNode).

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>Aspire's developer-certificate calls: accepted and recorded; with no developer certificate here they change nothing a resource is started with.</summary>
public sealed class HttpsCertificateTests
{
    [Fact]
    public async Task Certificate_calls_are_recorded_and_the_resource_starts_as_without_them()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var plain = builder.AddDockerfile("plain", "/nonexistent/ginapp").WithHttpEndpoint(targetPort: 5555, env: "PORT");
        var called = false;
        var trusted = builder.AddDockerfile("ginapp", "/nonexistent/ginapp").WithHttpEndpoint(targetPort: 5555, env: "PORT")
            .WithDeveloperCertificateTrust(trust: false)
            .WithDeveloperCertificateTrust(trust: true)
            .WithHttpsDeveloperCertificate()
            .WithHttpsCertificateConfiguration(context =>
            {
                called = true;
                context.EnvironmentVariables["HTTPS_CERT_FILE"] = context.CertificatePath;
                return Task.CompletedTask;
            });
        var options = TestModel.Resolve(builder);

        var withCalls = (await TestModel.LaunchSpecAsync(builder, options, trusted.Resource)).Environment;
        var without = (await TestModel.LaunchSpecAsync(builder, options, plain.Resource)).Environment;

        Assert.True(Assert.Single(trusted.Resource.Annotations.OfType<DeveloperCertificateTrustAnnotation>()).Trust);
        Assert.True(Assert.Single(trusted.Resource.Annotations.OfType<HttpsCertificateAnnotation>()).UseDeveloperCertificate);
        Assert.Single(trusted.Resource.Annotations.OfType<HttpsCertificateConfigurationCallbackAnnotation>());
        Assert.False(called);
        Assert.Equal(without.Keys.Order(), withCalls.Keys.Order());
        Assert.DoesNotContain("HTTPS_CERT_FILE", withCalls.Keys);
    }

    [Fact]
    public async Task A_JavaScript_app_takes_the_certificate_configuration_as_in_the_AspireWithNode_playground()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        var frontend = builder.AddJavaScriptApp("frontend", "/nonexistent/NodeFrontend", "watch").WithHttpEndpoint(env: "PORT").WithExternalHttpEndpoints().PublishAsDockerFile();

        frontend.WithHttpsEndpoint(env: "HTTPS_PORT")
            .WithHttpsCertificateConfiguration(context =>
            {
                context.EnvironmentVariables["HTTPS_CERT_FILE"] = context.CertificatePath;
                context.EnvironmentVariables["HTTPS_CERT_KEY_FILE"] = context.KeyPath;
                return Task.CompletedTask;
            })
            .WithoutHttpsCertificate();

        Assert.False(Assert.Single(frontend.Resource.Annotations.OfType<HttpsCertificateAnnotation>()).UseDeveloperCertificate);
    }
}
