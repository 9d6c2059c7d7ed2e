using System.Text.Json;
using Aspire.Hosting.Testing;
using Nuzantara.Hosting.Tests.Integrations;

namespace Nuzantara.Hosting.Tests.ApplicationModel;

/// <summary>AddParameter with a value in code, as Aspire: the code's value is the value; the manifest offers it only when asked.</summary>
public sealed class ParameterValueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_code_value_is_the_value_even_when_configuration_has_one(bool useCallback)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.Configuration["Parameters:region"] = "from-config";
        var region = useCallback ? builder.AddParameter("region", () => "west") : builder.AddParameter("region", "west");

        TestModel.Resolve(builder);

        Assert.Equal("west", await region.Resource.GetValueAsync(Token));
    }

    [Fact]
    public void A_secret_cannot_be_published_as_default()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();

        var error = Assert.Throws<ArgumentException>(() => builder.AddParameter("token", "abc", publishValueAsDefault: true, secret: true));

        Assert.Equal("secret", error.ParamName);
    }

    [Fact]
    public async Task The_manifest_offers_the_value_as_default_only_when_published()
    {
        await using var model = PublishedModel.For("manifest");
        model.Builder.AddParameter("region", "west", publishValueAsDefault: true);
        model.Builder.AddParameter("tier", () => "gold");
        model.Builder.AddParameter("token", "abc", secret: true);

        await model.PublishAsync(Token);

        var manifest = model.Read("aspire-manifest.json");
        var resources = JsonDocument.Parse(manifest).RootElement.GetProperty("resources");
        var region = resources.GetProperty("region").GetProperty("inputs").GetProperty("value");
        Assert.Equal("west", region.GetProperty("default").GetProperty("value").GetString());
        Assert.False(resources.GetProperty("tier").GetProperty("inputs").GetProperty("value").TryGetProperty("default", out _));
        Assert.DoesNotContain("abc", manifest);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }

    [Fact]
    public async Task WithDescription_is_kept_on_the_parameter_and_not_published_the_schema_having_no_field_for_it()
    {
        await using var model = PublishedModel.For("manifest");
        var webhook = model.Builder.AddParameter("webhook", secret: true).WithDescription("The [Slack](https://slack.com) webhook URL", enableMarkdown: true);

        await model.PublishAsync(Token);

        Assert.Equal("The [Slack](https://slack.com) webhook URL", webhook.Resource.Description);
        Assert.True(webhook.Resource.EnableDescriptionMarkdown);
        var manifest = model.Read("aspire-manifest.json");
        Assert.DoesNotContain("Slack", manifest);
        Assert.Empty(await PublishedModel.SchemaErrorsAsync(manifest, Token));
    }
}
